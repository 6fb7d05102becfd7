package org.winbackhub.channel.sms.kannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.SendFailure.Kind;

/** Kannel's SMS push reply codes (user's guide, "SMS Push reply codes"; gw/smsbox.c). */
class KannelAnswerTest {

  @Test
  void accepted_and_queued_for_later_delivery_are_both_sent_without_an_id() {
    assertThat(KannelAnswer.messageId(202, "0: Accepted for delivery", null)).isNull();
    assertThat(KannelAnswer.messageId(202, "3: Queued for later delivery", null)).isNull();
  }

  @Test
  void a_temporal_failure_is_tried_again() {
    assertThat(kind(503, "Temporal failure, try again later.")).isEqualTo(Kind.RETRY);
    assertThat(kind(500, "Sending failed.")).isEqualTo(Kind.RETRY);
  }

  @Test
  void a_request_kannel_can_never_deliver_fails_for_good() {
    assertThat(kind(403, "Not routable. Do not try again.")).isEqualTo(Kind.PERMANENT);
    assertThat(kind(400, "Missing receiver number, rejected")).isEqualTo(Kind.PERMANENT);
    assertThat(kind(403, "Number(s) has/have been denied by white- and/or black-lists."))
        .isEqualTo(Kind.PERMANENT);
  }

  @Test
  void refused_credentials_are_tried_again_once_fixed() {
    assertThat(kind(403, "Authorization failed for sendsms")).isEqualTo(Kind.RETRY);
  }

  private static Kind kind(int status, String body) {
    return catchThrowableOfType(
            ProviderFailure.class, () -> KannelAnswer.messageId(status, body, null))
        .failure()
        .kind();
  }
}
