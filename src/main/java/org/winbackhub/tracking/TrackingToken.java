package org.winbackhub.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.winbackhub.signature.ConstantTime;
import org.winbackhub.signature.StrictBase64;

/**
 * Signs and verifies the tokens in tracked links: which outbox message and which named link. The
 * HMAC-SHA256 signature means a token cannot be forged or pointed at another message or link.
 */
public final class TrackingToken {
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern LINK = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final int SIGNATURE_BYTES = 16;

  /** What a verified token says. */
  public record Claim(long messageId, String link) {}

  /**
   * The purpose of the one-click unsubscribe tokens ({@code /u/TOKEN}, RFC 8058): they name the
   * message and its channel, and are signed with a key of their own.
   */
  public static final String UNSUBSCRIBE = "unsubscribe";

  private final SecretKeySpec key;

  /** {@code secret} must be at least 32 characters of real randomness. */
  public TrackingToken(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException(
          "hub.tracking.secret (env HUB_TRACKING_SECRET) must be set to at least 32 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  private TrackingToken(SecretKeySpec key) {
    this.key = key;
  }

  /**
   * Tokens for another purpose, signed with a key derived from this one (HMAC of the purpose): a
   * click token is never a valid unsubscribe token, nor the other way round, though both name a
   * message and a word.
   */
  public TrackingToken forPurpose(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] derived = mac.doFinal(("purpose:" + purpose).getBytes(StandardCharsets.UTF_8));
      return new TrackingToken(new SecretKeySpec(derived, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String sign(long messageId, String link) {
    if (!LINK.matcher(link).matches()) {
      throw new IllegalArgumentException(
          "link name '" + link + "' must be lower-case letters, digits, - or _");
    }
    String payload = messageId + "." + link;
    return ENC.encodeToString(payload.getBytes(StandardCharsets.US_ASCII))
        + "."
        + ENC.encodeToString(mac(payload));
  }

  /**
   * The claim of a genuine token; empty for anything malformed or not signed by us. Both parts must
   * be the canonical encoding, so a token has one spelling only.
   */
  public Optional<Claim> verify(String token) {
    if (token == null || token.length() > 200) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payloadBytes = StrictBase64.decodeUrl(token.substring(0, dot));
    byte[] given = StrictBase64.decodeUrl(token.substring(dot + 1));
    if (payloadBytes == null || given == null) {
      return Optional.empty();
    }
    try {
      String payload = new String(payloadBytes, StandardCharsets.US_ASCII);
      if (!ConstantTime.equal(mac(payload), given)) {
        return Optional.empty();
      }
      int sep = payload.indexOf('.');
      long id = Long.parseLong(payload.substring(0, sep));
      String link = payload.substring(sep + 1);
      return LINK.matcher(link).matches() ? Optional.of(new Claim(id, link)) : Optional.empty();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Arrays.copyOf(
          mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)), SIGNATURE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
