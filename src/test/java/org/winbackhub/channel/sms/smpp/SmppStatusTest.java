package org.winbackhub.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.winbackhub.channel.SendFailure;
import org.winbackhub.channel.SendFailure.Kind;

class SmppStatusTest {

  @Test
  void throttling_a_full_queue_a_system_error_and_a_refused_bind_are_tried_again() {
    for (int status : new int[] {0x58, 0x14, 0x08, 0x45, 0x0E, 0x04, 0x64}) {
      assertThat(SmppStatus.refused(status).kind())
          .as(SmppStatus.name(status))
          .isEqualTo(Kind.RETRY);
    }
    assertThat(SmppStatus.refused(0x58).why())
        .isEqualTo("smpp ESME_RTHROTTLED (0x00000058): not taken, tried again later");
  }

  @Test
  void refusals_of_the_message_itself_fail_for_good() {
    for (int status : new int[] {0x0B, 0x0A, 0x01, 0x50, 0x51, 0x66, 0xC4}) {
      assertThat(SmppStatus.refused(status).kind())
          .as(SmppStatus.name(status))
          .isEqualTo(Kind.PERMANENT);
    }
    assertThat(SmppStatus.refused(0x0B).why()).startsWith("smpp ESME_RINVDSTADR (0x0000000B)");
  }

  @Test
  void an_unknown_or_vendor_status_is_a_refusal_tried_again_until_the_last_attempt() {
    assertThat(SmppStatus.refused(0x401).why()).startsWith("smpp vendor (0x00000401)");
    assertThat(SmppStatus.refused(0x401).kind()).isEqualTo(Kind.RETRY);
    assertThat(SmppStatus.refused(0x99).why()).startsWith("smpp unknown (0x00000099)");
  }

  @Test
  void no_answer_a_broken_session_and_a_partly_sent_message_are_ambiguous() {
    assertThat(SmppStatus.noAnswer(Duration.ofSeconds(30)).kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(SmppStatus.broken("reset").kind()).isEqualTo(Kind.AMBIGUOUS);
    SendFailure partly = SmppStatus.partlySent(1, 3, "abc", SmppStatus.refused(0x58));
    assertThat(partly.kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(partly.why())
        .isEqualTo(
            "smpp: partly sent, 1 of 3 parts taken (first message_id abc), then smpp"
                + " ESME_RTHROTTLED (0x00000058): not taken, tried again later");
  }

  @Test
  void no_session_is_not_sent_and_tried_again() {
    assertThat(SmppStatus.notBound("binding").kind()).isEqualTo(Kind.RETRY);
  }
}
