package org.winbackhub.channel.email.smtp.camel;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailAuthenticator;
import org.winbackhub.channel.email.smtp.SmtpFailure;
import org.winbackhub.channel.email.smtp.SmtpNotHandedOver;
import org.winbackhub.channel.email.smtp.StagedSmtpTransport;

/**
 * The camel-mail endpoint's sender ({@code javaMailSender=#smtpSender}), keeping one SMTP
 * connection open per sending thread and sending message after message on it. camel-mail 4.18's own
 * {@code DefaultJavaMailSender} connects, sends one message and closes, every time: a TCP and SMTP
 * handshake (and a TLS one, and a login) per message.
 *
 * <p>A connection that failed is closed and the next message opens a new one. A connection idle
 * longer than {@code idleCheck} is asked with NOOP before it is used (a server or a firewall may
 * have dropped it). A failure before the server answered DATA is reported as {@link
 * SmtpNotHandedOver} (the message cannot have gone); when it was the kept connection that had gone
 * stale (closed, reset, 421), the message goes once more at once on a new connection. A connection
 * is renewed after {@code maxMessages}.
 */
public final class ReusingMailSender implements JavaMailSender, AutoCloseable {
  private final Session session;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final long idleCheckNanos;
  private final int maxMessages;
  private final Map<Thread, Connection> open = new ConcurrentHashMap<>();
  private final AtomicLong connects = new AtomicLong();

  private static final class Connection {
    final StagedSmtpTransport transport;
    long lastUsed;
    int sent;

    Connection(StagedSmtpTransport transport) {
      this.transport = transport;
    }
  }

  public ReusingMailSender(
      String host,
      int port,
      String username,
      String password,
      Properties mail,
      Duration idleCheck,
      int maxMessages) {
    this.host = host;
    this.port = port;
    this.username = username == null || username.isBlank() ? null : username;
    this.password = this.username == null ? null : password;
    Properties props = new Properties();
    props.putAll(mail);
    if (this.username != null) {
      props.setProperty("mail.smtp.auth", "true");
    }
    this.session = Session.getInstance(props);
    this.idleCheckNanos = idleCheck.toNanos();
    this.maxMessages = maxMessages;
  }

  @Override
  public void send(MimeMessage message) throws MessagingException {
    if (message.getSentDate() == null) {
      message.setSentDate(new Date());
    }
    String messageId = message.getMessageID();
    message.saveChanges();
    if (messageId != null) {
      message.setHeader("Message-ID", messageId); // as camel-mail keeps one given explicitly
    }
    Connection c = connection();
    boolean reused = c.sent > 0;
    try {
      sendOn(c, message);
    } catch (SmtpNotHandedOver e) {
      if (!reused || !SmtpFailure.serverTrouble(e.getCause())) {
        throw e;
      }
      sendOn(connection(), message); // the server had dropped the kept connection meanwhile
    }
  }

  private void sendOn(Connection c, MimeMessage message) throws MessagingException {
    try {
      c.transport.sendMessage(message, message.getAllRecipients());
      c.sent++;
      c.lastUsed = System.nanoTime();
      if (c.sent >= maxMessages) {
        discard();
      }
    } catch (MessagingException e) {
      discard();
      throw c.transport.dataStarted() ? e : new SmtpNotHandedOver(e);
    } catch (RuntimeException e) {
      discard();
      throw e;
    }
  }

  /** This thread's open connection, or a new one. */
  private Connection connection() throws MessagingException {
    Thread me = Thread.currentThread();
    Connection c = open.get(me);
    if (c != null
        && System.nanoTime() - c.lastUsed > idleCheckNanos
        && !c.transport.isConnected()) { // NOOP
      discard();
      c = null;
    }
    if (c == null) {
      open.keySet().removeIf(t -> !t.isAlive() && close(open.get(t)));
      StagedSmtpTransport transport =
          (StagedSmtpTransport) session.getTransport(StagedSmtpTransport.PROVIDER);
      transport.connect(host, port, username, password);
      connects.incrementAndGet();
      c = new Connection(transport);
      c.lastUsed = System.nanoTime();
      open.put(me, c);
    }
    return c;
  }

  private void discard() {
    close(open.remove(Thread.currentThread()));
  }

  private static boolean close(Connection c) {
    if (c != null) {
      try {
        c.transport.close();
      } catch (MessagingException | RuntimeException e) {
        // it was going away anyway
      }
    }
    return true;
  }

  /** How many connections this sender has opened, for tests and the operators' view. */
  public long connects() {
    return connects.get();
  }

  /** Closes every kept connection (QUIT): when the hub stops. */
  @Override
  public void close() {
    open.values().forEach(ReusingMailSender::close);
    open.clear();
  }

  @Override
  public Session getSession() {
    return session;
  }

  @Override
  public void setSession(Session session) {
    throw new UnsupportedOperationException("the session is made from hub.smtp.*");
  }

  @Override
  public Properties getJavaMailProperties() {
    return session.getProperties();
  }

  @Override
  public void setJavaMailProperties(Properties javaMailProperties) {
    throw new UnsupportedOperationException("the session is made from hub.smtp.*");
  }

  @Override
  public void addAdditionalJavaMailProperty(String key, String value) {
    throw new UnsupportedOperationException("the session is made from hub.smtp.*");
  }

  @Override
  public String getHost() {
    return host;
  }

  @Override
  public void setHost(String host) {
    throw new UnsupportedOperationException("hub.smtp.host");
  }

  @Override
  public int getPort() {
    return port;
  }

  @Override
  public void setPort(int port) {
    throw new UnsupportedOperationException("hub.smtp.port");
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public void setUsername(String username) {
    throw new UnsupportedOperationException("hub.smtp.username");
  }

  @Override
  public String getPassword() {
    return password;
  }

  @Override
  public void setPassword(String password) {
    throw new UnsupportedOperationException("hub.smtp.password");
  }

  @Override
  public String getProtocol() {
    return "smtp";
  }

  @Override
  public void setProtocol(String protocol) {
    throw new UnsupportedOperationException("smtp only");
  }

  @Override
  public MailAuthenticator getAuthenticator() {
    return null;
  }

  @Override
  public void setAuthenticator(MailAuthenticator authenticator) {
    throw new UnsupportedOperationException("login with hub.smtp.username and .password");
  }
}
