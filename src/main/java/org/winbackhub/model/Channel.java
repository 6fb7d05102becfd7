package org.winbackhub.model;

/** A way of reaching a contact. */
public enum Channel {
  EMAIL,
  SMS;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Channel fromCode(String code) {
    return valueOf(code.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
