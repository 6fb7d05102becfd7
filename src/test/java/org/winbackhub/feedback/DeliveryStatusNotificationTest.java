package org.winbackhub.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.winbackhub.feedback.DeliveryStatusNotification.Severity;

class DeliveryStatusNotificationTest {

  static byte[] eml(String name) throws IOException {
    try (InputStream in =
        DeliveryStatusNotificationTest.class.getResourceAsStream("/feedback/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void a_postfix_user_unknown_is_a_hard_bounce_of_the_outbox_message() throws IOException {
    var dsn = DeliveryStatusNotification.parse(eml("postfix-hard-5.1.1.eml")).orElseThrow();
    assertThat(dsn.severity()).isEqualTo(Severity.HARD);
    assertThat(dsn.originalMessageId()).isEqualTo("<outbox-4711.winback@shop.example.com>");
    assertThat(dsn.recipients()).hasSize(1);
    var r = dsn.recipients().get(0);
    assertThat(r.finalRecipient()).isEqualTo("nobody@example.org");
    assertThat(r.action()).isEqualTo("failed");
    assertThat(r.status()).isEqualTo("5.1.1");
    assertThat(r.diagnosticCode())
        .isEqualTo(
            "smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in"
                + " virtual mailbox table");
    assertThat(r.toString()).doesNotContain("nobody");
  }

  @Test
  void a_full_mailbox_is_a_soft_bounce_and_the_id_comes_from_the_returned_message()
      throws IOException {
    var dsn = DeliveryStatusNotification.parse(eml("postfix-soft-4.2.2.eml")).orElseThrow();
    assertThat(dsn.severity()).isEqualTo(Severity.SOFT);
    assertThat(dsn.recipients().get(0).status()).isEqualTo("4.2.2");
    assertThat(dsn.recipients().get(0).action()).isEqualTo("delayed");
    assertThat(dsn.recipients().get(0).finalRecipient()).isEqualTo("Full@Example.com");
    assertThat(dsn.originalMessageId()).isEqualTo("<outbox-4712.winback@shop.example.com>");
  }

  @Test
  void an_exchange_ndr_with_a_three_digit_detail_is_hard() throws IOException {
    var dsn = DeliveryStatusNotification.parse(eml("exchange-hard-5.1.10.eml")).orElseThrow();
    assertThat(dsn.severity()).isEqualTo(Severity.HARD);
    var r = dsn.recipients().get(0);
    assertThat(r.status()).isEqualTo("5.1.10");
    assertThat(r.finalRecipient()).isEqualTo("gone.person@corp.example.com");
    assertThat(r.diagnosticCode()).contains("RESOLVER.ADR.RecipientNotFound", "address lookup");
    assertThat(dsn.originalMessageId()).isEqualTo("<outbox-4713.winback@shop.example.com>");
  }

  @Test
  void a_reply_that_quotes_the_message_and_a_status_is_not_a_dsn() throws IOException {
    assertThat(DeliveryStatusNotification.parse(eml("not-a-dsn.eml"))).isEmpty();
    assertThat(DeliveryStatusNotification.parse(eml("arf-abuse-rfc5965.eml"))).isEmpty();
  }

  @Test
  void several_recipients_and_a_status_only_in_the_diagnostic() {
    String raw =
        String.join(
            "\r\n",
            "From: MAILER-DAEMON@example.net",
            "To: bounces@shop.example.com",
            "Subject: failure notice",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "Some recipients failed.",
            "--b",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.example.net",
            "",
            "Final-Recipient: rfc822; ok@example.com",
            "Action: delivered",
            "Status: 2.0.0",
            "",
            "Final-Recipient: rfc822; <late@example.com>",
            "Action: failed",
            "Status: 4.4.7 (delivery time expired)",
            "",
            "Final-Recipient: rfc822; gone@example.com",
            "Action: failed",
            "Status: unknown",
            "Diagnostic-Code: smtp; 550 5.7.1 rejected by policy",
            "",
            "--b--",
            "");
    var dsn = DeliveryStatusNotification.parse(raw.getBytes()).orElseThrow();
    assertThat(dsn.recipients())
        .extracting(r -> r.finalRecipient() + " " + r.status() + " " + r.severity())
        .containsExactly(
            "ok@example.com 2.0.0 NONE",
            "late@example.com 4.4.7 SOFT",
            "gone@example.com 5.7.1 HARD");
    assertThat(dsn.severity()).isEqualTo(Severity.HARD);
    assertThat(dsn.originalMessageId()).isNull();
  }

  @Test
  void bad_input_is_refused_with_a_reason() {
    assertThatThrownBy(() -> DeliveryStatusNotification.parse(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the message is empty");
    assertThatThrownBy(() -> DeliveryStatusNotification.parse(new byte[11 * 1024 * 1024]))
        .hasMessageContaining("more than a report may be");
  }
}
