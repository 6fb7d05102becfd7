package org.winbackhub.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ComplaintReportTest {

  @Test
  void reads_the_rfc_5965_example() throws IOException {
    var arf =
        ComplaintReport.parse(DeliveryStatusNotificationTest.eml("arf-abuse-rfc5965.eml"))
            .orElseThrow();
    assertThat(arf.feedbackType()).isEqualTo("abuse");
    assertThat(arf.isComplaint()).isTrue();
    assertThat(arf.originalRcptTo()).containsExactly("user@example.com");
    assertThat(arf.originalTo()).isEqualTo("<Undisclosed Recipients>");
    assertThat(arf.originalMessageId()).isEqualTo("8787KJKJ3K4J3K4J3K4J3.mail@example.net");
    assertThat(arf.userAgent()).isEqualTo("SomeGenerator/1.0");
  }

  @Test
  void a_redacted_report_still_names_the_message_through_its_returned_headers() throws IOException {
    var arf =
        ComplaintReport.parse(DeliveryStatusNotificationTest.eml("arf-headers-only.eml"))
            .orElseThrow();
    assertThat(arf.feedbackType()).isEqualTo("abuse");
    assertThat(arf.originalRcptTo()).isEmpty();
    assertThat(arf.originalTo()).isEqualTo("redacted@yahoo.example");
    assertThat(arf.originalMessageId()).isEqualTo("<outbox-4714.winback@shop.example.com>");
  }

  @Test
  void a_not_spam_report_is_no_complaint() throws IOException {
    String raw =
        new String(DeliveryStatusNotificationTest.eml("arf-headers-only.eml"))
            .replace("Feedback-Type: abuse", "Feedback-Type: Not-Spam");
    var arf = ComplaintReport.parse(raw.getBytes()).orElseThrow();
    assertThat(arf.feedbackType()).isEqualTo("not-spam");
    assertThat(arf.isComplaint()).isFalse();
  }

  @Test
  void bounces_and_replies_are_not_complaints() throws IOException {
    assertThat(ComplaintReport.parse(DeliveryStatusNotificationTest.eml("postfix-hard-5.1.1.eml")))
        .isEmpty();
    assertThat(ComplaintReport.parse(DeliveryStatusNotificationTest.eml("not-a-dsn.eml")))
        .isEmpty();
  }
}
