package org.winbackhub.channel.email.smtp;

/**
 * The recipient's address has a name part in UTF-8 (RFC 6531) and the SMTP server does not offer
 * SMTPUTF8: the message cannot go through this server, now or on a retry. The contact stays.
 */
public final class SmtpUtf8Unsupported extends RuntimeException {
  public SmtpUtf8Unsupported(String server) {
    super(
        "the recipient's address has a UTF-8 name part (RFC 6531) and the SMTP server "
            + server
            + " does not offer SMTPUTF8; not sent");
  }
}
