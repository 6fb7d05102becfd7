package org.winbackhub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local SMTP server for the dispatch benchmark: speaks enough SMTP (EHLO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT) for JavaMail, keeps nothing but counts: messages, connections, and the time of the
 * first and last message, so the hub and the baseline are timed by the same clock at the same
 * server.
 */
final class SmtpSink implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger messages = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();

  SmtpSink() throws IOException {
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "smtp-sink");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Starts counting again (messages, connections, first and last). */
  void reset() {
    messages.set(0);
    connections.set(0);
    first.set(0);
    last.set(0);
  }

  int messages() {
    return messages.get();
  }

  int connections() {
    return connections.get();
  }

  /** Seconds from the first message to the last. */
  double seconds() {
    return (last.get() - first.get()) / 1e9;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> session(s), "smtp-sink-session");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void session(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 65536)) {
      OutputStream out = socket.getOutputStream();
      reply(out, "220 sink ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
        switch (verb) {
          case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING");
          case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            reply(out, "354 go on");
            String body;
            while ((body = in.readLine()) != null && !body.equals(".")) {
              // dropped: only the count matters
            }
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.set(now);
            messages.incrementAndGet();
            reply(out, "250 OK queued");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
