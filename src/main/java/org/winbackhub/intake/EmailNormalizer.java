package org.winbackhub.intake;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Lower-cases and checks an email address. Strict enough to stop typos that would bounce
 * (missing @, spaces, no dot in the domain), lenient about what mailbox providers accept.
 */
public final class EmailNormalizer {
  private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]+");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  /** The normalized address, or null for a blank one. */
  public String normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String email = raw.trim().toLowerCase(Locale.ROOT);
    int at = email.indexOf('@');
    if (at <= 0 || at == email.length() - 1 || at != email.lastIndexOf('@')) {
      throw invalid("needs one @ between a name and a domain");
    }
    if (email.length() > 254) {
      throw invalid("is longer than 254 characters");
    }
    String local = email.substring(0, at);
    String domain = email.substring(at + 1);
    if (local.length() > 64
        || !LOCAL.matcher(local).matches()
        || local.startsWith(".")
        || local.endsWith(".")
        || local.contains("..")) {
      throw invalid("has an invalid name part");
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      throw invalid("has a domain without a dot");
    }
    for (String label : labels) {
      if (label.length() > 63 || !LABEL.matcher(label).matches()) {
        throw invalid("has an invalid domain");
      }
    }
    if (labels[labels.length - 1].length() < 2) {
      throw invalid("has an invalid top-level domain");
    }
    return email;
  }

  private static InvalidFieldException invalid(String reason) {
    return new InvalidFieldException("email", "not a valid address: " + reason);
  }
}
