package org.winbackhub.feedback.webhooks.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.winbackhub.feedback.webhooks.ReplayGuard;
import org.winbackhub.feedback.webhooks.WebhookVerdict.Status;

class SendGridEventSignatureTest {
  // the published vector of sendgrid-java's EventWebhookTest (the body ends in CR LF)
  static final String SG_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
  static final String SG_SIGNATURE =
      "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
  static final String SG_TIMESTAMP = "1600112502";
  static final String SG_BODY =
      "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced"
          + " Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

  static final long NOW = 1_780_000_000L;
  static final byte[] BODY =
      "[{\"email\":\"a@example.com\",\"event\":\"open\",\"sg_event_id\":\"e1\"}]\r\n"
          .getBytes(StandardCharsets.UTF_8);
  static KeyPair keys;
  static KeyPair otherKeys;

  final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    keys = gen.generateKeyPair();
    otherKeys = gen.generateKeyPair();
  }

  /** Signs as SendGrid does: DER ECDSA-SHA256 over the timestamp then the body, in Base64. */
  static String sign(KeyPair pair, String timestamp, byte[] body) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(pair.getPrivate());
    s.update(timestamp.getBytes(StandardCharsets.UTF_8));
    s.update(body);
    return Base64.getEncoder().encodeToString(s.sign());
  }

  static String publicKey(KeyPair pair) {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }

  @Test
  void accepts_sendgrids_published_example() {
    var at = Clock.fixed(Instant.ofEpochSecond(1600112502L + 5), ZoneOffset.UTC);
    var verifier = new SendGridEventSignature(SG_KEY, at);
    byte[] body = SG_BODY.getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(SG_SIGNATURE, SG_TIMESTAMP, body).isAccepted()).isTrue();
    // the same body without its trailing CR LF is another body
    byte[] trimmed = SG_BODY.strip().getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.verify(SG_SIGNATURE, SG_TIMESTAMP, trimmed).status())
        .isEqualTo(Status.BAD_SIGNATURE);
  }

  @Test
  void accepts_a_batch_signed_with_the_accounts_key() throws Exception {
    var verifier = new SendGridEventSignature(publicKey(keys), clock);
    String t = Long.toString(NOW - 20);
    assertThat(verifier.verify(sign(keys, t, BODY), t, BODY).isAccepted()).isTrue();
  }

  @Test
  void refuses_a_tampered_body_another_key_or_a_moved_timestamp() throws Exception {
    var verifier = new SendGridEventSignature(publicKey(keys), clock);
    String t = Long.toString(NOW);
    String sig = sign(keys, t, BODY);
    byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("open", "click").getBytes();
    assertThat(verifier.verify(sig, t, tampered).status()).isEqualTo(Status.BAD_SIGNATURE);
    assertThat(verifier.verify(sign(otherKeys, t, BODY), t, BODY).status())
        .isEqualTo(Status.BAD_SIGNATURE);
    assertThat(verifier.verify(sig, Long.toString(NOW - 1), BODY).status())
        .isEqualTo(Status.BAD_SIGNATURE);
  }

  @Test
  void refuses_an_old_or_future_timestamp_even_when_signed() throws Exception {
    var verifier = new SendGridEventSignature(publicKey(keys), clock);
    String old = Long.toString(NOW - 601);
    var verdict = verifier.verify(sign(keys, old, BODY), old, BODY);
    assertThat(verdict.status()).isEqualTo(Status.EXPIRED);
    assertThat(verdict.reason()).contains("X-Twilio-Email-Event-Webhook-Timestamp", "601 s old");
    String future = Long.toString(NOW + 601);
    assertThat(verifier.verify(sign(keys, future, BODY), future, BODY).status())
        .isEqualTo(Status.EXPIRED);
  }

  @Test
  void refuses_the_same_signed_batch_twice_with_a_guard() throws Exception {
    var verifier =
        new SendGridEventSignature(
            publicKey(keys), Duration.ofMinutes(10), clock, new ReplayGuard(clock, 100));
    String t = Long.toString(NOW);
    String sig = sign(keys, t, BODY);
    assertThat(verifier.verify(sig, t, BODY).isAccepted()).isTrue();
    assertThat(verifier.verify(sig, t, BODY).status()).isEqualTo(Status.REPLAYED);
    // ECDSA signatures are malleable: (r, n - s) verifies too, and must not pass the guard
    String malleated = malleate(sig);
    assertThat(malleated).isNotEqualTo(sig);
    assertThat(
            new SendGridEventSignature(publicKey(keys), clock)
                .verify(malleated, t, BODY)
                .isAccepted())
        .isTrue();
    assertThat(verifier.verify(malleated, t, BODY).status()).isEqualTo(Status.REPLAYED);
  }

  static final java.math.BigInteger P256_ORDER =
      new java.math.BigInteger(
          "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  /** The other valid signature of the same content: DER SEQUENCE { r, n - s }. */
  static String malleate(String base64Der) {
    byte[] der = Base64.getDecoder().decode(base64Der);
    int rLen = der[3];
    byte[] r = java.util.Arrays.copyOfRange(der, 4, 4 + rLen);
    int sLen = der[5 + rLen];
    byte[] s = java.util.Arrays.copyOfRange(der, 6 + rLen, 6 + rLen + sLen);
    byte[] s2 = P256_ORDER.subtract(new java.math.BigInteger(1, s)).toByteArray();
    var out = new java.io.ByteArrayOutputStream();
    out.write(0x30);
    out.write(2 + r.length + 2 + s2.length);
    out.write(0x02);
    out.write(r.length);
    out.writeBytes(r);
    out.write(0x02);
    out.write(s2.length);
    out.writeBytes(s2);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  @Test
  void missing_or_malformed_headers_are_named() throws Exception {
    var verifier = new SendGridEventSignature(publicKey(keys), clock);
    String t = Long.toString(NOW);
    String sig = sign(keys, t, BODY);
    assertThat(verifier.verify(null, t, BODY).reason())
        .isEqualTo("header X-Twilio-Email-Event-Webhook-Signature is missing");
    assertThat(verifier.verify(sig, "", BODY).reason())
        .isEqualTo("header X-Twilio-Email-Event-Webhook-Timestamp is missing");
    assertThat(verifier.verify(sig, "yesterday", BODY).status()).isEqualTo(Status.MALFORMED);
    assertThat(verifier.verify("not base64!", t, BODY).status()).isEqualTo(Status.MALFORMED);
    assertThat(verifier.verify("AAAA", t, BODY).status()).isEqualTo(Status.BAD_SIGNATURE);
  }

  @Test
  void a_wrong_key_setting_fails_at_start_with_a_clear_message() throws Exception {
    assertThatThrownBy(() -> new SendGridEventSignature("", clock))
        .hasMessageContaining("SendGrid event webhook verification key");
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(() -> new SendGridEventSignature(publicKey(gen.generateKeyPair()), clock))
        .hasMessageContaining("not a P-256");
  }
}
