package org.winbackhub.channel.email.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Whether a failed SMTP send surely did not reach the server's queue. Only then may it be tried
 * again: a connection that never opened, or an error reply (4xx or 5xx) from the server before it
 * accepted the message (to MAIL, RCPT, DATA or the final dot). Anything else is ambiguous: the
 * connection broke while the message was written, or the reply to the final dot never came (Jakarta
 * Mail reports that as a send failure with return code -1); the mail may have gone, and sending it
 * again could deliver it twice.
 */
public final class SmtpFailure {
  // Jakarta Mail (Angus) reports these failures to open a session without a typed cause.
  private static final String[] CONNECT_FAILURES = {
    "Could not connect to SMTP host", "Unknown SMTP host", "Got bad greeting from SMTP host"
  };

  private SmtpFailure() {}

  /** True when the message surely was not accepted, so a retry cannot deliver it twice. */
  public static boolean surelyNotAccepted(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Integer reply = replyCode(t);
      if (reply != null) {
        // the first reply in the chain is the one that ended the send
        return reply >= 400 && reply <= 599;
      }
      if (t instanceof MailConnectException
          || t instanceof AuthenticationFailedException
          || t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return true;
      }
      if (t instanceof MessagingException && t.getMessage() != null) {
        for (String prefix : CONNECT_FAILURES) {
          if (t.getMessage().startsWith(prefix)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Integer replyCode(Throwable t) {
    if (t instanceof SMTPSendFailedException e) {
      return e.getReturnCode();
    }
    if (t instanceof SMTPAddressFailedException e) {
      return e.getReturnCode();
    }
    if (t instanceof SMTPSenderFailedException e) {
      return e.getReturnCode();
    }
    return null;
  }
}
