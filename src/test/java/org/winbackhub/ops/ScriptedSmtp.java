package org.winbackhub.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback SMTP server that misbehaves on purpose, for what GreenMail cannot do: refuse a
 * recipient with a temporary error, or take the whole message and drop the connection before
 * answering the final dot (the mail may or may not have gone).
 */
final class ScriptedSmtp implements AutoCloseable {
  enum Mode { ACCEPT, REFUSE_RECIPIENT, DROP_AFTER_DATA }

  volatile Mode mode = Mode.ACCEPT;
  /** Messages whose whole content (up to the final dot) reached this server. */
  final AtomicInteger messagesReceived = new AtomicInteger();
  /** The last message received, as sent over the wire (headers and body). */
  volatile String lastMessage;
  private final ServerSocket server;
  private final Thread acceptor;

  ScriptedSmtp() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
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
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream()) {
      reply(out, "220 scripted ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (verb) {
          case "EHLO", "HELO" -> reply(out, "250 scripted");
          case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
          case "RCPT" -> reply(out, mode == Mode.REFUSE_RECIPIENT ? "451 4.3.0 try again later" : "250 OK");
          case "DATA" -> {
            reply(out, "354 go ahead");
            StringBuilder message = new StringBuilder();
            while ((line = in.readLine()) != null && !line.equals(".")) {
              message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
            }
            lastMessage = message.toString();
            messagesReceived.incrementAndGet();
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
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Stops listening: from now on a connection is refused. */
  @Override
  public void close() throws IOException {
    server.close();
  }
}
