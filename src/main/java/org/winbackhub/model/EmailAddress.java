package org.winbackhub.model;

import com.ibm.icu.text.IDNA;
import java.text.Normalizer;
import java.util.Locale;

/**
 * How the hub compares email addresses (RFC 6531: a UTF-8 local part, an internationalized domain).
 * An address is stored as typed (trimmed, Unicode NFC) and compared by its {@link #key}: NFC, the
 * local part lower-cased with {@link Locale#ROOT}, the domain in its ASCII (punycode) form by UTS
 * #46 (IDNA2008), lower case. For the ASCII addresses the hub stored before, the key is the address
 * lower-cased.
 */
public final class EmailAddress {
  private static final IDNA UTS46 =
      IDNA.getUTS46Instance(
          IDNA.NONTRANSITIONAL_TO_ASCII
              | IDNA.NONTRANSITIONAL_TO_UNICODE
              | IDNA.USE_STD3_RULES
              | IDNA.CHECK_BIDI
              | IDNA.CHECK_CONTEXTJ);

  private EmailAddress() {}

  /** The address as kept: trimmed and in Unicode NFC; null for null. */
  public static String typed(String address) {
    return address == null ? null : Normalizer.normalize(address.trim(), Normalizer.Form.NFC);
  }

  /**
   * The one form addresses are compared in; null for null. Never fails: a domain that is no valid
   * domain name is lower-cased as it is, so a lookup by a mistyped address simply finds nothing.
   */
  public static String key(String address) {
    if (address == null) {
      return null;
    }
    String typed = typed(address);
    int at = typed.lastIndexOf('@');
    if (at < 0) {
      return typed.toLowerCase(Locale.ROOT);
    }
    String domain = asciiDomain(typed.substring(at + 1));
    return typed.substring(0, at).toLowerCase(Locale.ROOT)
        + "@"
        + (domain != null ? domain : typed.substring(at + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * A domain name (Unicode or punycode labels, any case) in ASCII lower case, or null when it is
   * not a valid internationalized domain name (bad characters, a broken punycode label, an empty
   * label, a label of over 63 characters).
   */
  public static String asciiDomain(String domain) {
    if (domain == null || domain.isEmpty()) {
      return null;
    }
    IDNA.Info info = new IDNA.Info();
    StringBuilder ascii = UTS46.nameToASCII(domain, new StringBuilder(), info);
    if (info.hasErrors()) {
      return null;
    }
    return ascii.toString().toLowerCase(Locale.ROOT);
  }
}
