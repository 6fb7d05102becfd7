package org.winbackhub.model;

/**
 * Personal values as they may appear in rejections and logs: enough to recognise a value, never
 * the value itself ({@code l***@example.org}, {@code ***78}, {@code L***}).
 */
public final class Masked {
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

  /** {@code ***78}: the last two characters. */
  public static String phone(String number) {
    if (number == null) {
      return null;
    }
    String n = number.trim();
    return "***" + (n.length() > 4 ? n.substring(n.length() - 2) : "");
  }

  /** {@code L***}: the first character of a name or any other personal text. */
  public static String text(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    return v.isEmpty() ? "" : first(v) + "***";
  }

  private static String first(String s) {
    return new String(Character.toChars(s.codePointAt(0)));
  }
}
