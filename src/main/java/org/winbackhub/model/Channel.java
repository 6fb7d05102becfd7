package org.winbackhub.model;

import java.util.Locale;

/** A way of reaching a contact. */
public enum Channel {
  EMAIL,
  SMS;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Channel fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
