package org.winbackhub.tracking;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The code of a short link ({@code {hub.public-url}/s/CODE}): 8 characters of base62 from a
 * SecureRandom, about 47.6 bits, so that with even ten million links stored a guess finds one about
 * once in twenty million tries. The code only names a stored row; what it leads to is what the hub
 * stored with it.
 */
public final class ShortCode {
  public static final int LENGTH = 8;
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern WELL_FORMED = Pattern.compile("[0-9A-Za-z]{" + LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ShortCode() {}

  /** A new random code. */
  public static String random() {
    char[] code = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(code);
  }

  /** True when {@code code} could be one of ours; anything else is refused unread. */
  public static boolean isWellFormed(String code) {
    return code != null && WELL_FORMED.matcher(code).matches();
  }
}
