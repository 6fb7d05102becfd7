package org.winbackhub.intake;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.Masked;

/**
 * Checks an email address and keeps it as typed (trimmed, Unicode NFC). International addresses
 * (RFC 6531) are valid: a local part with UTF-8 letters ({@code lucía.garcía5@example.org}) and a
 * domain in Unicode or punycode ({@code josé@bücher.de}, {@code 用户@例子.广告}). Strict enough to stop
 * typos that would bounce (missing @, spaces, no dot in the domain), lenient about what mailbox
 * providers accept. Addresses are compared by {@link EmailAddress#key}, never as typed.
 */
public final class EmailNormalizer {
  private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  /** The address as kept, or null for a blank one; an invalid one throws naming the field. */
  public String normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String email = EmailAddress.typed(raw);
    int at = email.indexOf('@');
    if (at <= 0 || at == email.length() - 1 || at != email.lastIndexOf('@')) {
      throw invalid("needs one @ between a name and a domain", email);
    }
    if (email.length() > 254) {
      throw invalid("is longer than 254 characters", email);
    }
    String local = email.substring(0, at);
    int localBytes = local.getBytes(StandardCharsets.UTF_8).length;
    if (local.indexOf('\uFFFD') >= 0) {
      throw invalid(
          "has an unreadable character (U+FFFD) in its name part: the source's text was decoded"
              + " with the wrong character set",
          email);
    }
    if (localBytes > 64 || !dotAtom(local)) {
      throw invalid("has an invalid name part", email);
    }
    String domain = EmailAddress.asciiDomain(email.substring(at + 1));
    if (domain == null) {
      throw invalid("has an invalid domain", email);
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      throw invalid("has a domain without a dot", email);
    }
    for (String label : labels) {
      if (label.length() > 63 || !LABEL.matcher(label).matches()) {
        throw invalid("has an invalid domain", email);
      }
    }
    if (labels[labels.length - 1].length() < 2) {
      throw invalid("has an invalid top-level domain", email);
    }
    if (localBytes + 1 + domain.length() > 254) {
      throw invalid("is longer than 254 characters", email);
    }
    return email;
  }

  /**
   * Atoms joined by single dots (RFC 5322 dot-atom), where RFC 6532 lets an atom hold any character
   * beyond ASCII; control, format and space characters are no part of an address.
   */
  private static boolean dotAtom(String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    return local.codePoints().allMatch(cp -> cp == '.' || (cp < 0x80 ? atext(cp) : printable(cp)));
  }

  private static boolean atext(int cp) {
    return (cp >= 'a' && cp <= 'z')
        || (cp >= 'A' && cp <= 'Z')
        || (cp >= '0' && cp <= '9')
        || ATEXT_SYMBOLS.indexOf(cp) >= 0;
  }

  private static boolean printable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.UNASSIGNED,
          Character.SURROGATE,
          Character.PRIVATE_USE ->
          false;
      default -> true;
    };
  }

  private static InvalidFieldException invalid(String reason, String email) {
    return new InvalidFieldException(
        "email", "not a valid address: " + reason, Masked.email(email));
  }
}
