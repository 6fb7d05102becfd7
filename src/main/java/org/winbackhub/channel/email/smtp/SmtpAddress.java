package org.winbackhub.channel.email.smtp;

import org.winbackhub.model.EmailAddress;

/**
 * How a recipient's address goes over SMTP. An ASCII address as it is; an internationalized domain
 * with an ASCII name part in its ASCII (punycode) form, which every server takes; a name part in
 * UTF-8 (RFC 6531) as typed, and only to a server that offers SMTPUTF8.
 */
public record SmtpAddress(String address, boolean needsSmtpUtf8) {

  public static SmtpAddress of(String typed) {
    int at = typed.lastIndexOf('@');
    String local = typed.substring(0, at);
    String domain = typed.substring(at + 1);
    if (!ascii(local)) {
      return new SmtpAddress(typed, true);
    }
    String asciiDomain = ascii(domain) ? domain : EmailAddress.asciiDomain(domain);
    return new SmtpAddress(local + "@" + (asciiDomain == null ? domain : asciiDomain), false);
  }

  private static boolean ascii(String s) {
    return s.chars().allMatch(c -> c < 128);
  }
}
