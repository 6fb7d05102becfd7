package org.winbackhub.feedback.webhooks.kannel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.winbackhub.feedback.webhooks.WebhookVerdict.Status;
import org.winbackhub.tracking.TrackingToken;

class KannelTokenTest {
  static final String SECRET = "a-tracking-secret-of-32-characters-at-least";
  final TrackingToken tokens = new TrackingToken(SECRET);
  final KannelToken kannel = new KannelToken(tokens);

  @Test
  void a_report_token_as_the_composer_signs_it_names_its_outbox_message() {
    // SmsComposer puts tokens.sign(outboxId, "dlr") into the dlr-url
    var report = kannel.verifyReport(tokens.sign(4711, "dlr"));
    assertThat(report.isAccepted()).isTrue();
    assertThat(report.outboxId()).isEqualTo(4711);
  }

  @Test
  void a_tampered_report_token_is_refused() {
    String token = tokens.sign(4711, "dlr");
    int dot = token.indexOf('.');
    String otherPayload =
        tokens.sign(4712, "dlr").substring(0, tokens.sign(4712, "dlr").indexOf('.'));
    String swapped = otherPayload + token.substring(dot);
    assertThat(kannel.verifyReport(swapped).verdict().status()).isEqualTo(Status.BAD_SIGNATURE);
    char last = token.charAt(token.length() - 1);
    String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThat(kannel.verifyReport(flipped).isAccepted()).isFalse();
    assertThat(kannel.verifyReport(flipped).outboxId()).isEqualTo(-1);
    assertThat(kannel.verifyReport("garbage").isAccepted()).isFalse();
  }

  @Test
  void another_secret_a_click_token_or_the_inbound_token_is_not_a_report_token() {
    var stranger = new TrackingToken("another-secret-of-32-characters-at-least!!");
    assertThat(kannel.verifyReport(stranger.sign(4711, "dlr")).isAccepted()).isFalse();
    assertThat(kannel.verifyReport(tokens.sign(4711, "offer")).isAccepted()).isFalse();
    assertThat(kannel.verifyReport(kannel.inboundToken()).isAccepted()).isFalse();
  }

  @Test
  void the_inbound_url_takes_only_its_own_token() {
    assertThat(kannel.verifyInbound(kannel.inboundToken()).isAccepted()).isTrue();
    assertThat(kannel.verifyInbound(tokens.sign(0, "mo")).status())
        .as("signed with the click key, not the inbound one")
        .isEqualTo(Status.BAD_SIGNATURE);
    assertThat(kannel.verifyInbound(tokens.sign(4711, "dlr")).isAccepted()).isFalse();
    var other = new KannelToken(new TrackingToken("another-secret-of-32-characters-at-least!!"));
    assertThat(kannel.verifyInbound(other.inboundToken()).isAccepted()).isFalse();
  }

  @Test
  void a_missing_token_is_named() {
    assertThat(kannel.verifyReport(null).verdict().reason())
        .isEqualTo("query parameter t is missing");
    assertThat(kannel.verifyInbound("").status()).isEqualTo(Status.MISSING);
  }
}
