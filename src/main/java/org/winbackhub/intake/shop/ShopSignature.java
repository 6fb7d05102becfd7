package org.winbackhub.intake.shop;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.winbackhub.signature.ConstantTime;
import org.winbackhub.signature.StrictBase64;

/**
 * Shopify's webhook signature: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body
 * keyed with the app's secret. Compared in constant time, on the bytes as received; the header must
 * be the canonical Base64 of the signature (no spaces, padding as Shopify writes it).
 */
public final class ShopSignature {
  private final SecretKeySpec key;

  public ShopSignature(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("a webhook secret is needed to verify shop webhooks");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The header value Shopify would send for {@code body}. */
  public String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** True when {@code header} is the signature of exactly these bytes. */
  public boolean verify(byte[] body, String header) {
    byte[] given = StrictBase64.decode(header);
    if (body == null || given == null) {
      return false;
    }
    return ConstantTime.equal(StrictBase64.decode(sign(body)), given);
  }
}
