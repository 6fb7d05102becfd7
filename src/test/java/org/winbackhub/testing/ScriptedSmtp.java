package org.winbackhub.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback SMTP server that misbehaves on purpose, for what GreenMail cannot do: refuse a
 * recipient with a temporary error, or take the whole message and drop the connection before
 * answering the final dot (the mail may or may not have gone). It keeps every delivery (a message
 * whose content reached the final dot: the recipient has it, whether or not the sender lived to
 * read the answer) with its recipient and Message-ID, and can answer slowly, as a real server does.
 */
public final class ScriptedSmtp implements AutoCloseable {
  public enum Mode {
    ACCEPT,
    REFUSE_RECIPIENT,
    DROP_AFTER_DATA
  }

  /** A message received in whole, for one recipient. */
  public record Delivery(String recipient, String messageId, Instant at) {}

  public volatile Mode mode = Mode.ACCEPT;

  /** Whether EHLO offers SMTPUTF8 (RFC 6531): addresses with a UTF-8 name part. */
  public volatile boolean smtpUtf8;

  /** The last MAIL FROM command, parameters included. */
  public volatile String lastMailFrom;

  /** How long the server takes to answer the final dot of a message. */
  public volatile long answerDelayMs;

  public final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  /** Messages whose whole content (up to the final dot) reached this server. */
  public final AtomicInteger messagesReceived = new AtomicInteger();

  /** SMTP sessions (TCP connections) accepted so far. */
  public final AtomicInteger sessions = new AtomicInteger();

  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  /** The last message received, as sent over the wire (headers and body). */
  public volatile String lastMessage;

  private final ServerSocket server;
  private final Thread acceptor;

  public ScriptedSmtp() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sessions.incrementAndGet();
        open.add(s);
        Thread t = new Thread(() -> converse(s), "scripted-smtp-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream()) {
      reply(out, "220 scripted ESMTP");
      List<String> recipients = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (verb) {
          case "EHLO", "HELO" ->
              reply(
                  out,
                  smtpUtf8 && verb.equals("EHLO")
                      ? "250-scripted\r\n250 SMTPUTF8"
                      : "250 scripted");
          case "MAIL", "RSET" -> {
            if (verb.equals("MAIL")) {
              lastMailFrom = line;
            }
            recipients.clear();
            reply(out, "250 OK");
          }
          case "NOOP" -> reply(out, "250 OK");
          case "RCPT" -> {
            recipients.add(
                line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase());
            reply(out, mode == Mode.REFUSE_RECIPIENT ? "451 4.3.0 try again later" : "250 OK");
          }
          case "DATA" -> {
            reply(out, "354 go ahead");
            StringBuilder message = new StringBuilder();
            while ((line = in.readLine()) != null && !line.equals(".")) {
              message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
            }
            if (line == null) {
              return; // the sender went away mid-message: nothing was delivered
            }
            lastMessage = message.toString();
            messagesReceived.incrementAndGet();
            for (String to : recipients) {
              deliveries.add(
                  new Delivery(to, header(message.toString(), "Message-ID"), Instant.now()));
            }
            pause(answerDelayMs);
            if (mode == Mode.DROP_AFTER_DATA) {
              return; // the connection breaks before the server answers
            }
            reply(out, "250 OK queued as scripted-" + messagesReceived.get());
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 not implemented");
        }
      }
    } catch (IOException gone) {
      // the client went away
    } finally {
      open.remove(s);
    }
  }

  private static String header(String message, String name) {
    for (String l : message.split("\r\n")) {
      if (l.isEmpty()) {
        break;
      }
      if (l.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return l.substring(name.length() + 1).trim();
      }
    }
    return null;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Drops every open session, as a server that closes idle connections, and goes on listening. */
  public void dropSessions() throws IOException {
    for (Socket s : open) {
      s.close();
    }
  }

  /**
   * Stops listening and drops the sessions still open, as a server that goes down: from now on a
   * connection is refused.
   */
  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
