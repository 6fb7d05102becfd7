package org.winbackhub.channel.email.smtp;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
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
 * again could deliver it twice. A connection closed before the reply to MAIL, RCPT or DATA (also
 * code -1, with that command) lost nothing: the message itself had not been written yet. A call the
 * open circuit breaker refused never reached the server.
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
        return reply >= 400 && reply <= 599 || reply == -1 && beforeData(command(t));
      }
      if (t instanceof CallNotPermittedException
          || t instanceof SmtpNotHandedOver
          || t instanceof MailConnectException
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

  /**
   * True when the failure tells about the server rather than about one message: no connection, a
   * connection broken or timed out, or 421 (the service is closing). These count against the SMTP
   * server's circuit breaker; a refused recipient or a rejected message does not.
   */
  public static boolean serverTrouble(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Integer reply = replyCode(t);
      if (reply != null) {
        return reply == -1 || reply == 421;
      }
      if (t instanceof CallNotPermittedException) {
        return false;
      }
    }
    return mailOrConnection(error);
  }

  private static boolean mailOrConnection(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MessagingException || t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static boolean beforeData(String command) {
    if (command == null) {
      return false;
    }
    String verb = command.strip().toUpperCase(Locale.ROOT);
    return verb.startsWith("MAIL") || verb.startsWith("RCPT") || verb.equals("DATA");
  }

  private static String command(Throwable t) {
    return t instanceof SMTPSendFailedException e
        ? e.getCommand()
        : t instanceof SMTPAddressFailedException e
            ? e.getCommand()
            : t instanceof SMTPSenderFailedException e ? e.getCommand() : null;
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
