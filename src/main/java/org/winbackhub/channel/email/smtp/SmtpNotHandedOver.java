package org.winbackhub.channel.email.smtp;

import jakarta.mail.MessagingException;

/**
 * A send that failed before the SMTP server had the message's content ({@link
 * StagedSmtpTransport#dataStarted}): it cannot have been delivered and may be tried again.
 */
public final class SmtpNotHandedOver extends MessagingException {
  public SmtpNotHandedOver(MessagingException cause) {
    super("not handed over to the SMTP server: " + cause.getMessage(), cause);
  }
}
