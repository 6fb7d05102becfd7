package org.winbackhub.channel.email.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Jakarta Mail's SMTP transport that knows how far the current message got: whether the server had
 * answered DATA with 354 and the message's own bytes began to go. A failure before that (at MAIL,
 * RCPT or DATA, whatever broke: a reply, an end of stream, a reset, a timeout) cannot have
 * delivered the message, which is how a connection kept open is told to have gone stale rather than
 * to have lost a mail.
 */
public final class StagedSmtpTransport extends SMTPTransport {
  /** Hands this class to {@link Session#getTransport(Provider)}. */
  public static final Provider PROVIDER =
      new Provider(
          Provider.Type.TRANSPORT, "smtp", StagedSmtpTransport.class.getName(), "winback", "1");

  private volatile boolean dataStarted;

  public StagedSmtpTransport(Session session, URLName url) {
    super(session, url, "smtp", false);
  }

  @Override
  protected void mailFrom() throws MessagingException {
    dataStarted = false;
    super.mailFrom();
  }

  @Override
  protected OutputStream data() throws MessagingException {
    OutputStream out = super.data();
    dataStarted = true;
    return out;
  }

  /** True once the current message's content began to go (the server had answered DATA). */
  public boolean dataStarted() {
    return dataStarted;
  }
}
