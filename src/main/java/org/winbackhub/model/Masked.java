package org.winbackhub.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal values as they may appear in rejections and logs: enough to recognise a value, never the
 * value itself ({@code l***@example.org}, {@code +34******789}, {@code L***}). {@link #within}
 * masks every address and phone number inside a message.
 */
public final class Masked {
  private static final Pattern EMAIL =
      Pattern.compile(
          "[\\p{L}\\p{N}.!#$%&*+/=?^_`{|}~-]+@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}.-]*[\\p{L}\\p{N}])?");
  // 9 to 15 digits, optionally after a + and with single spaces between groups (612 345 678);
  // not part of a longer word, id or date
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\w.:/-])\\+?\\d(?: ?\\d){8,14}(?![\\w.:/-])");

  private Masked() {}

  /** {@code l***@example.org}: the first character of the name part and the domain. */
  public static String email(String address) {
    if (address == null) {
      return null;
    }
    String a = address.trim();
    int at = a.lastIndexOf('@');
    if (at < 0) {
      return text(a);
    }
    return (at == 0 ? "" : first(a)) + "***" + a.substring(at);
  }

  /** {@code +34******789}: the first three and the last three characters of a full number. */
  public static String phone(String number) {
    if (number == null) {
      return null;
    }
    String n = number.trim().replace(" ", "");
    return n.length() < 9
        ? "***"
        : n.substring(0, 3) + "*".repeat(n.length() - 6) + n.substring(n.length() - 3);
  }

  /** {@code L***}: the first character of a name or any other personal text. */
  public static String text(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    return v.isEmpty() ? "" : first(v) + "***";
  }

  /** Any one value of unknown kind: as an address, a phone number or a text, whichever it is. */
  public static String value(String value) {
    if (value == null || value.isBlank()) {
      return value;
    }
    if (EMAIL.matcher(value.trim()).matches()) {
      return email(value);
    }
    return PHONE.matcher(value.trim()).matches() ? phone(value) : text(value);
  }

  /** {@code message} with every address and phone number in it masked, the rest as it was. */
  public static String within(String message) {
    if (message == null || message.isEmpty()) {
      return message;
    }
    return replace(PHONE.matcher(replace(EMAIL.matcher(message), true)), false);
  }

  private static String replace(Matcher m, boolean email) {
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(email ? email(m.group()) : phone(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String first(String s) {
    return new String(Character.toChars(s.codePointAt(0)));
  }
}
