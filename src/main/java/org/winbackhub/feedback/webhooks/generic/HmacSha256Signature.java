package org.winbackhub.feedback.webhooks.generic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.winbackhub.feedback.webhooks.ReplayGuard;
import org.winbackhub.feedback.webhooks.WebhookVerdict;
import org.winbackhub.feedback.webhooks.WebhookVerdict.Status;
import org.winbackhub.signature.ConstantTime;

/**
 * A signature scheme for any provider that has none of its own, in the shape Stripe made common: a
 * header {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>}. The timestamp
 * is signed with the body, so a captured request can be replayed only inside the window ({@code
 * window}, 5 minutes by default, either side of the hub's clock); a {@link ReplayGuard}, when
 * given, refuses a second arrival of the same signature inside it.
 *
 * <p>Several secrets may be configured at once, and a header may carry several {@code v1} values:
 * while a secret is rotated the sender signs with both and the hub accepts either. Unknown elements
 * (a future {@code v2}) are ignored.
 */
public final class HmacSha256Signature {
  /** The header name the hub documents for senders. */
  public static final String HEADER = "X-Webhook-Signature";

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  private static final int MAX_HEADER = 2048;

  private final List<SecretKeySpec> keys = new ArrayList<>();
  private final Duration window;
  private final Clock clock;
  private final ReplayGuard replays;

  public HmacSha256Signature(List<String> secrets, Clock clock) {
    this(secrets, DEFAULT_WINDOW, clock, null);
  }

  /** {@code replays} may be null: only the window then limits a replay. */
  public HmacSha256Signature(
      List<String> secrets, Duration window, Clock clock, ReplayGuard replays) {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret must be configured");
    }
    for (String secret : secrets) {
      if (secret == null || secret.length() < 16) {
        throw new IllegalArgumentException("every webhook secret must be at least 16 characters");
      }
      keys.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the replay window must be positive");
    }
    this.window = window;
    this.clock = clock;
    this.replays = replays;
  }

  /** Verifies the header against the raw body exactly as it arrived. */
  public WebhookVerdict verify(String header, byte[] rawBody) {
    if (header == null || header.isBlank()) {
      return WebhookVerdict.refused(Status.MISSING, "header " + HEADER + " is missing");
    }
    if (header.length() > MAX_HEADER) {
      return WebhookVerdict.refused(Status.MALFORMED, "header " + HEADER + " is too long");
    }
    String t = null;
    List<byte[]> given = new ArrayList<>();
    for (String element : header.split(",")) {
      int eq = element.indexOf('=');
      if (eq <= 0) {
        return WebhookVerdict.refused(
            Status.MALFORMED, "header " + HEADER + " is not t=<seconds>,v1=<hex>");
      }
      String name = element.substring(0, eq).trim();
      String value = element.substring(eq + 1).trim();
      if (name.equals("t")) {
        t = value;
      } else if (name.equals("v1")) {
        if (value.length() != 64) {
          return WebhookVerdict.refused(
              Status.MALFORMED, "header " + HEADER + " has a v1 that is not 64 hex digits");
        }
        given.add(value.toLowerCase().getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (t == null || !t.matches("[0-9]{1,12}")) {
      return WebhookVerdict.refused(
          Status.MALFORMED, "header " + HEADER + " has no timestamp t in unix seconds");
    }
    if (given.isEmpty()) {
      return WebhookVerdict.refused(Status.MISSING, "header " + HEADER + " has no v1 signature");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(t));
    boolean match = false;
    for (SecretKeySpec key : keys) {
      byte[] expected = hex(mac(key, t, rawBody)).getBytes(StandardCharsets.US_ASCII);
      for (byte[] candidate : given) {
        match |= ConstantTime.equal(expected, candidate);
      }
    }
    if (!match) {
      return WebhookVerdict.refused(
          Status.BAD_SIGNATURE, "header " + HEADER + " does not match the body");
    }
    long skew = Duration.between(signedAt, clock.instant()).getSeconds();
    if (skew > window.getSeconds()) {
      return WebhookVerdict.refused(
          Status.EXPIRED,
          "timestamp t is " + skew + " s old; at most " + window.getSeconds() + " s allowed");
    }
    if (-skew > window.getSeconds()) {
      return WebhookVerdict.refused(Status.EXPIRED, "timestamp t is " + -skew + " s in the future");
    }
    if (replays == null) {
      return WebhookVerdict.accepted();
    }
    String key = ReplayGuard.keyOf(HEADER, t, rawBody);
    return replays.firstSeen(key, signedAt.plus(window))
        ? WebhookVerdict.accepted(key)
        : WebhookVerdict.refused(
            Status.REPLAYED, "this signed request was already accepted at its timestamp");
  }

  /** The header a sender would send now with the first secret (for tests and for tools). */
  public String sign(long unixSeconds, byte[] rawBody) {
    String t = Long.toString(unixSeconds);
    return "t=" + t + ",v1=" + hex(mac(keys.get(0), t, rawBody));
  }

  private static byte[] mac(SecretKeySpec key, String t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body == null ? new byte[0] : body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
