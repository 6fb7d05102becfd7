package org.winbackhub.feedback.webhooks.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.winbackhub.feedback.webhooks.WebhookVerdict;
import org.winbackhub.feedback.webhooks.WebhookVerdict.Status;
import org.winbackhub.signature.ConstantTime;

/**
 * Verifies Twilio's {@code X-Twilio-Signature} on status callbacks and inbound messages (Twilio,
 * "Webhooks security"): Base64 of HMAC-SHA1, keyed with the account's auth token, over the full URL
 * Twilio called (scheme, host, path and query) followed by every POST parameter sorted by name,
 * each as its name then its value, with no separator. A name sent several times contributes each
 * value, values sorted, as Twilio's own libraries do.
 *
 * <p>Twilio may sign the URL with or without the port (its libraries try both): a URL with an
 * explicit port is also tried without it, and one without a port also with the scheme's default.
 * The URL must be the one configured at Twilio, not what a proxy in front of the hub rewrote.
 *
 * <p>JSON-bodied webhooks carry {@code bodySHA256} (hex SHA-256 of the raw body) in the query and
 * the signature covers the URL alone: {@link #verifyJson}. Twilio signs no timestamp, so there is
 * no replay window here; a replayed request carries a {@code MessageSid} the store already has.
 */
public final class TwilioSignature {
  /** The header Twilio signs with. */
  public static final String HEADER = "X-Twilio-Signature";

  private final SecretKeySpec key;

  public TwilioSignature(String authToken) {
    if (authToken == null || authToken.isBlank()) {
      throw new IllegalArgumentException("the Twilio auth token must be set to verify webhooks");
    }
    this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
  }

  /** Verifies a form POST (or a GET, with no parameters) whose parameters have one value each. */
  public WebhookVerdict verify(String url, Map<String, String> params, String signatureHeader) {
    Map<String, List<String>> multi = new TreeMap<>();
    if (params != null) {
      params.forEach((name, value) -> multi.put(name, value == null ? List.of() : List.of(value)));
    }
    return verifyMulti(url, multi, signatureHeader);
  }

  /** Verifies a form POST whose parameters may repeat. */
  public WebhookVerdict verifyMulti(
      String url, Map<String, List<String>> params, String signatureHeader) {
    WebhookVerdict missing = missing(url, signatureHeader);
    if (missing != null) {
      return missing;
    }
    StringBuilder tail = new StringBuilder();
    if (params != null) {
      new TreeMap<>(params)
          .forEach(
              (name, values) -> {
                List<String> sorted = new ArrayList<>(values == null ? List.of() : values);
                sorted.sort(null);
                sorted.forEach(v -> tail.append(name).append(v));
              });
    }
    return matchesAnyForm(url, tail.toString(), signatureHeader);
  }

  /**
   * Verifies a JSON-bodied webhook: the signature over the URL (with its {@code bodySHA256}), and
   * that parameter equal to the SHA-256 of the raw body.
   */
  public WebhookVerdict verifyJson(String url, byte[] rawBody, String signatureHeader) {
    WebhookVerdict missing = missing(url, signatureHeader);
    if (missing != null) {
      return missing;
    }
    String declared = queryParam(url, "bodySHA256");
    if (declared == null || declared.isEmpty()) {
      return WebhookVerdict.refused(Status.MISSING, "query parameter bodySHA256 is missing");
    }
    WebhookVerdict signed = matchesAnyForm(url, "", signatureHeader);
    if (!signed.isAccepted()) {
      return signed;
    }
    String actual = HexFormat.of().formatHex(sha256(rawBody == null ? new byte[0] : rawBody));
    return ConstantTime.equal(
            actual.getBytes(StandardCharsets.US_ASCII),
            declared.toLowerCase().getBytes(StandardCharsets.US_ASCII))
        ? WebhookVerdict.accepted()
        : WebhookVerdict.refused(
            Status.BAD_SIGNATURE, "the body does not match its bodySHA256 parameter");
  }

  /** The signature Twilio would send for this URL and these parameters (for tests and tools). */
  public String sign(String url, Map<String, String> params) {
    StringBuilder tail = new StringBuilder();
    new TreeMap<>(params).forEach((name, value) -> tail.append(name).append(value));
    return Base64.getEncoder().encodeToString(hmac(url + tail));
  }

  private static WebhookVerdict missing(String url, String signatureHeader) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the URL Twilio called is needed to verify its signature");
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return WebhookVerdict.refused(Status.MISSING, "header " + HEADER + " is missing");
    }
    return null;
  }

  private WebhookVerdict matchesAnyForm(String url, String tail, String signatureHeader) {
    byte[] given = signatureHeader.trim().getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (String form : urlForms(url)) {
      String expected = Base64.getEncoder().encodeToString(hmac(form + tail));
      // no early exit: every form is compared, so the timing tells nothing
      match |= ConstantTime.equal(expected.getBytes(StandardCharsets.US_ASCII), given);
    }
    return match
        ? WebhookVerdict.accepted()
        : WebhookVerdict.refused(
            Status.BAD_SIGNATURE, "header " + HEADER + " does not match the URL and parameters");
  }

  /** The URL as given, and with its port removed or the scheme's default port added. */
  static Set<String> urlForms(String url) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(url);
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return forms;
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase();
    int hostStart = schemeEnd + 3;
    int authorityEnd = hostStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = url.substring(hostStart, authorityEnd);
    int at = authority.lastIndexOf('@');
    int colon = authority.lastIndexOf(':');
    boolean hasPort = colon > at && colon > authority.lastIndexOf(']');
    String rest = url.substring(authorityEnd);
    String prefix = url.substring(0, hostStart);
    if (hasPort) {
      forms.add(prefix + authority.substring(0, colon) + rest);
    } else if (scheme.equals("https") || scheme.equals("http")) {
      forms.add(prefix + authority + (scheme.equals("https") ? ":443" : ":80") + rest);
    }
    return forms;
  }

  private static String queryParam(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    int hash = url.indexOf('#', q);
    String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }

  private byte[] hmac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(key);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
