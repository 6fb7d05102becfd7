package org.winbackhub.feedback.webhooks.sendgrid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.winbackhub.feedback.webhooks.ReplayGuard;
import org.winbackhub.feedback.webhooks.WebhookVerdict;
import org.winbackhub.feedback.webhooks.WebhookVerdict.Status;
import org.winbackhub.signature.StrictBase64;

/**
 * Verifies SendGrid's Signed Event Webhook ("Getting Started with the Event Webhook Security
 * Features"): ECDSA on P-256 with SHA-256 over the {@code X-Twilio-Email-Event-Webhook-Timestamp}
 * value followed by the raw body, the signature Base64 of its DER encoding in {@code
 * X-Twilio-Email-Event-Webhook-Signature}, checked with the public key the account shows (Base64 of
 * an X.509 SubjectPublicKeyInfo). SendGrid documents no window for its timestamp; the hub refuses
 * one older (or further ahead) than {@code window}, 10 minutes by default, and, with a {@link
 * ReplayGuard}, the same signature twice.
 *
 * <p>Why the JDK and not SendGrid's own {@code com.sendgrid:sendgrid-java} (4.10.3 resolves): its
 * {@code EventWebhook} does the same two steps ({@code KeyFactory} and {@code
 * Signature("SHA256withECDSA")}) but asks for them from the BouncyCastle provider by name ("BC"),
 * which the library declares only for its tests; using it would mean adding bcprov and registering
 * it as a JVM-wide security provider, and the library would bring Apache HttpClient 4 and an older
 * Jackson onto the classpath for nothing. The JDK's SunEC provider implements the same algorithm;
 * the test checks it against the published vector of the library's own {@code EventWebhookTest}.
 */
public final class SendGridEventSignature {
  public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
  public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  private final PublicKey key;
  private final Duration window;
  private final Clock clock;
  private final ReplayGuard replays;

  public SendGridEventSignature(String base64PublicKey, Clock clock) {
    this(base64PublicKey, DEFAULT_WINDOW, clock, null);
  }

  /** {@code replays} may be null: only the window then limits a replay. */
  public SendGridEventSignature(
      String base64PublicKey, Duration window, Clock clock, ReplayGuard replays) {
    this.key = publicKey(base64PublicKey);
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the SendGrid timestamp window must be positive");
    }
    this.window = window;
    this.clock = clock;
    this.replays = replays;
  }

  /** Verifies one POST: both headers and the raw body exactly as it arrived. */
  public WebhookVerdict verify(String signatureHeader, String timestampHeader, byte[] rawBody) {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return WebhookVerdict.refused(Status.MISSING, "header " + SIGNATURE_HEADER + " is missing");
    }
    if (timestampHeader == null || timestampHeader.isBlank()) {
      return WebhookVerdict.refused(Status.MISSING, "header " + TIMESTAMP_HEADER + " is missing");
    }
    String t = timestampHeader.trim();
    if (!t.matches("[0-9]{1,12}")) {
      return WebhookVerdict.refused(
          Status.MALFORMED, "header " + TIMESTAMP_HEADER + " is not unix seconds");
    }
    byte[] der = StrictBase64.decode(signatureHeader.trim());
    if (der == null || der.length > 128) {
      return WebhookVerdict.refused(
          Status.MALFORMED, "header " + SIGNATURE_HEADER + " is not a Base64 DER signature");
    }
    if (!signatureMatches(t, rawBody, der)) {
      return WebhookVerdict.refused(
          Status.BAD_SIGNATURE,
          "header " + SIGNATURE_HEADER + " does not verify with the configured public key");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(t));
    long skew = Duration.between(signedAt, clock.instant()).getSeconds();
    if (skew > window.getSeconds()) {
      return WebhookVerdict.refused(
          Status.EXPIRED,
          "header "
              + TIMESTAMP_HEADER
              + " is "
              + skew
              + " s old; at most "
              + window.getSeconds()
              + " s allowed");
    }
    if (-skew > window.getSeconds()) {
      return WebhookVerdict.refused(
          Status.EXPIRED, "header " + TIMESTAMP_HEADER + " is " + -skew + " s in the future");
    }
    if (replays == null) {
      return WebhookVerdict.accepted();
    }
    String replayKey = ReplayGuard.keyOf(SIGNATURE_HEADER, t, rawBody);
    return replays.firstSeen(replayKey, signedAt.plus(window))
        ? WebhookVerdict.accepted(replayKey)
        : WebhookVerdict.refused(
            Status.REPLAYED, "this signed event batch was already accepted at its timestamp");
  }

  private boolean signatureMatches(String timestamp, byte[] body, byte[] der) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initVerify(key);
      ecdsa.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      ecdsa.update(body == null ? new byte[0] : body);
      return ecdsa.verify(der);
    } catch (SignatureException e) {
      return false; // not a DER ECDSA signature at all
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withECDSA is not available", e);
    }
  }

  private static PublicKey publicKey(String base64) {
    String name = "the SendGrid event webhook verification key";
    byte[] der = base64 == null ? null : StrictBase64.decode(base64.trim());
    if (der == null) {
      throw new IllegalArgumentException(name + " must be the Base64 key shown by SendGrid");
    }
    try {
      PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
      if (!(k instanceof ECPublicKey ec)
          || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new IllegalArgumentException(name + " is not a P-256 elliptic-curve key");
      }
      return k;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(name + " is not an X.509 EC public key", e);
    }
  }
}
