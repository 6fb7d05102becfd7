package org.winbackhub.feedback.webhooks.generic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.winbackhub.feedback.webhooks.ReplayGuard;
import org.winbackhub.feedback.webhooks.WebhookVerdict.Status;

class HmacSha256SignatureTest {
  static final String OLD = "old-secret-0123456789abcdef";
  static final String NEW = "new-secret-0123456789abcdef";
  static final long NOW = 1_780_000_000L;
  static final byte[] BODY =
      "{\"id\":\"evt_1\",\"type\":\"delivered\"}".getBytes(StandardCharsets.UTF_8);

  final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  final HmacSha256Signature scheme = new HmacSha256Signature(List.of(NEW), clock);

  /** What a sender computes, written out here without the class under test. */
  static String header(String secret, long t, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void accepts_a_fresh_request_signed_with_the_secret() throws Exception {
    assertThat(scheme.verify(header(NEW, NOW - 30, BODY), BODY).isAccepted()).isTrue();
    assertThat(scheme.sign(NOW - 30, BODY)).isEqualTo(header(NEW, NOW - 30, BODY));
  }

  @Test
  void refuses_a_tampered_body_or_another_secret() throws Exception {
    byte[] tampered = "{\"id\":\"evt_1\",\"type\":\"clicked\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(scheme.verify(header(NEW, NOW, BODY), tampered).status())
        .isEqualTo(Status.BAD_SIGNATURE);
    assertThat(scheme.verify(header(OLD, NOW, BODY), BODY).status())
        .isEqualTo(Status.BAD_SIGNATURE);
  }

  @Test
  void a_changed_timestamp_breaks_the_signature() throws Exception {
    String moved = header(NEW, NOW - 600, BODY).replace("t=" + (NOW - 600), "t=" + NOW);
    assertThat(scheme.verify(moved, BODY).status()).isEqualTo(Status.BAD_SIGNATURE);
  }

  @Test
  void refuses_timestamps_outside_the_window_on_either_side() throws Exception {
    assertThat(scheme.verify(header(NEW, NOW - 300, BODY), BODY).isAccepted()).isTrue();
    var old = scheme.verify(header(NEW, NOW - 301, BODY), BODY);
    assertThat(old.status()).isEqualTo(Status.EXPIRED);
    assertThat(old.reason()).isEqualTo("timestamp t is 301 s old; at most 300 s allowed");
    var future = scheme.verify(header(NEW, NOW + 301, BODY), BODY);
    assertThat(future.status()).isEqualTo(Status.EXPIRED);
    assertThat(future.reason()).contains("in the future");
  }

  @Test
  void both_secrets_are_accepted_while_one_is_rotated() throws Exception {
    var rotating = new HmacSha256Signature(List.of(OLD, NEW), Duration.ofMinutes(5), clock, null);
    assertThat(rotating.verify(header(OLD, NOW, BODY), BODY).isAccepted()).isTrue();
    assertThat(rotating.verify(header(NEW, NOW, BODY), BODY).isAccepted()).isTrue();
    // a sender signing with both during the rotation: any v1 may match
    String both =
        header(NEW, NOW, BODY)
            + ",v1="
            + header(OLD, NOW, BODY).substring(("t=" + NOW + ",v1=").length());
    assertThat(scheme.verify(both, BODY).isAccepted()).isTrue();
  }

  @Test
  void the_same_signed_request_is_refused_the_second_time_unless_given_back() throws Exception {
    var guard = new ReplayGuard(clock, 1000);
    var guarded = new HmacSha256Signature(List.of(NEW), Duration.ofMinutes(5), clock, guard);
    String h = header(NEW, NOW - 10, BODY);
    var first = guarded.verify(h, BODY);
    assertThat(first.isAccepted()).isTrue();
    var again = guarded.verify(h, BODY);
    assertThat(again.status()).isEqualTo(Status.REPLAYED);
    // the same request with a junk signature listed first is the same request
    String reordered =
        "t=" + (NOW - 10) + ",v1=" + "0".repeat(64) + "," + h.substring(h.indexOf("v1="));
    assertThat(guarded.verify(reordered, BODY).status()).isEqualTo(Status.REPLAYED);
    // the first one could not be stored: the provider's retry must get through
    guard.forget(first.replayKey());
    assertThat(guarded.verify(h, BODY).isAccepted()).isTrue();
  }

  @Test
  void missing_and_malformed_headers_are_named() {
    assertThat(scheme.verify(null, BODY).reason())
        .isEqualTo("header X-Webhook-Signature is missing");
    assertThat(scheme.verify("v1=" + "a".repeat(64), BODY).status()).isEqualTo(Status.MALFORMED);
    assertThat(scheme.verify("t=" + NOW, BODY).status()).isEqualTo(Status.MISSING);
    assertThat(scheme.verify("t=" + NOW + ",v1=abc", BODY).status()).isEqualTo(Status.MALFORMED);
    assertThat(scheme.verify("t=soon,v1=" + "a".repeat(64), BODY).status())
        .isEqualTo(Status.MALFORMED);
    assertThat(scheme.verify("garbage", BODY).status()).isEqualTo(Status.MALFORMED);
    assertThat(scheme.verify("t=1," + "x".repeat(5000), BODY).status()).isEqualTo(Status.MALFORMED);
  }
}
