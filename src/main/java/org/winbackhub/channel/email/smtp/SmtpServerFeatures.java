package org.winbackhub.channel.email.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Whether the SMTP server offers SMTPUTF8 (RFC 6531), read from its answer to EHLO on a connection
 * of its own (no login, no message) and remembered for a while; asked only when a message needs it.
 */
public final class SmtpServerFeatures {
  private final String host;
  private final int port;
  private final Duration remember;
  private final Clock clock;
  private Boolean smtpUtf8;
  private Instant checkedAt;

  public SmtpServerFeatures(String host, int port, Duration remember, Clock clock) {
    this.host = host;
    this.port = port;
    this.remember = remember;
    this.clock = clock;
  }

  /** Throws when the server cannot be asked (it is down): the message waits and is tried again. */
  public synchronized boolean offersSmtpUtf8() {
    Instant now = clock.instant();
    if (smtpUtf8 == null || checkedAt.plus(remember).isBefore(now)) {
      smtpUtf8 = ask();
      checkedAt = now;
    }
    return smtpUtf8;
  }

  public String server() {
    return host + ":" + port;
  }

  private boolean ask() {
    Properties props = new Properties();
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    try (SMTPTransport smtp = (SMTPTransport) Session.getInstance(props).getTransport("smtp")) {
      smtp.connect(host, port, null, null);
      return smtp.supportsExtension("SMTPUTF8");
    } catch (MessagingException e) {
      throw new IllegalStateException(
          "cannot ask the SMTP server " + server() + " whether it offers SMTPUTF8", e);
    }
  }
}
