package org.winbackhub.offer;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Codes the hub generates: the pool's prefix, random characters, and a check character, all of an
 * alphabet of 32 that leaves out what is misread (no 0, 1, I, O). The check character is Luhn mod N
 * with N = 32 over the random part: it catches every single mistyped character, and every swap of
 * two neighbours but one: "2Z" for "Z2" (the first and last of the alphabet, as Luhn's decimal
 * check misses 09 for 90).
 */
public final class CouponCodes {
  /** The characters of a generated code, in the order of their values for the check. */
  public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

  private static final int N = ALPHABET.length();
  private static final SecureRandom RANDOM = new SecureRandom();

  private CouponCodes() {}

  /** A fresh code of the pool: prefix, {@code length} random characters, the check character. */
  public static String generate(OfferPools.Generate g) {
    StringBuilder body = new StringBuilder(g.length() + 1);
    for (int i = 0; i < g.length(); i++) {
      body.append(ALPHABET.charAt(RANDOM.nextInt(N)));
    }
    return g.prefix() + body + checkCharacter(body);
  }

  /**
   * True when {@code code} is one this pool could have made: its prefix, the right number of
   * characters of the alphabet, and a check character that fits (case does not matter).
   */
  public static boolean valid(OfferPools.Generate g, String code) {
    if (code == null) {
      return false;
    }
    String c = code.strip().toUpperCase(Locale.ROOT);
    if (!c.startsWith(g.prefix()) || c.length() != g.prefix().length() + g.length() + 1) {
      return false;
    }
    return checks(c.substring(g.prefix().length()));
  }

  /**
   * The check character of {@code body} (Luhn mod 32: every second value doubled from the right).
   */
  static char checkCharacter(CharSequence body) {
    int sum = sum(body, 2);
    if (sum < 0) {
      throw new IllegalArgumentException("not made of coupon characters: " + body);
    }
    return ALPHABET.charAt((N - sum % N) % N);
  }

  /** True when the last character of {@code bodyAndCheck} is the check character of the rest. */
  static boolean checks(String bodyAndCheck) {
    int sum = sum(bodyAndCheck, 1);
    return bodyAndCheck.length() > 1 && sum >= 0 && sum % N == 0;
  }

  /**
   * Luhn's sum in base 32: from the right, the values times 2 and 1 in turn (starting with {@code
   * factor}), each product's two base-32 digits added; -1 when a character is not of the alphabet.
   */
  private static int sum(CharSequence s, int factor) {
    int sum = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      int value = value(s.charAt(i));
      if (value < 0) {
        return -1;
      }
      int addend = factor * value;
      sum += addend / N + addend % N;
      factor = factor == 2 ? 1 : 2;
    }
    return sum;
  }

  private static int value(char c) {
    return ALPHABET.indexOf(c);
  }
}
