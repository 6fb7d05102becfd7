package org.winbackhub.signature;

import java.util.Base64;

/**
 * Base64 decoding that accepts exactly one text per value: the canonical encoding. Java's decoders
 * take a value with or without padding and ignore non-zero bits after the last byte, so several
 * texts would verify as the same signature; here anything but the canonical text is refused.
 */
public final class StrictBase64 {
  private StrictBase64() {}

  /**
   * The bytes of standard Base64 with padding (as Shopify sends its HMAC); null when not canonical.
   */
  public static byte[] decode(String text) {
    return decode(text, Base64.getDecoder(), Base64.getEncoder());
  }

  /**
   * The bytes of URL-safe Base64 without padding (as in tracked links); null when not canonical.
   */
  public static byte[] decodeUrl(String text) {
    return decode(text, Base64.getUrlDecoder(), Base64.getUrlEncoder().withoutPadding());
  }

  private static byte[] decode(String text, Base64.Decoder decoder, Base64.Encoder encoder) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = decoder.decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return encoder.encodeToString(bytes).equals(text) ? bytes : null;
  }
}
