package org.winbackhub.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal values as they may appear in a log line, an error or a reject reason: an address as
 * {@code l***@example.org}, a phone number as {@code +34******789}, any other value by its first
 * character. {@link #text} masks every address and phone number inside a message.
 */
public final class Mask {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
  // 9 to 15 digits, optionally after a + and with single spaces between groups (612 345 678);
  // not part of a longer word, id or date
  private static final Pattern PHONE = Pattern.compile("(?<![\\w.:/-])\\+?\\d(?: ?\\d){8,14}(?![\\w.:/-])");

  private Mask() {}

  public static String email(String email) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    return at < 1 ? "***" : email.charAt(0) + "***" + email.substring(at);
  }

  /** Keeps the first three and the last three characters: {@code +34612345789} is {@code +34******789}. */
  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    String p = phone.replace(" ", "");
    if (p.length() <= 6) {
      return "***";
    }
    return p.substring(0, 3) + "*".repeat(p.length() - 6) + p.substring(p.length() - 3);
  }

  /** Any single value: an address or a phone number as above, anything else by its first character. */
  public static String value(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    if (EMAIL.matcher(value).matches()) {
      return email(value);
    }
    if (PHONE.matcher(value).matches()) {
      return phone(value);
    }
    return value.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "***";
  }

  /** {@code message} with every address and phone number in it masked. */
  public static String text(String message) {
    if (message == null || message.isEmpty()) {
      return message;
    }
    String out = replace(EMAIL.matcher(message), true);
    return replace(PHONE.matcher(out), false);
  }

  private static String replace(Matcher m, boolean email) {
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(email ? email(m.group()) : phone(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }
}
