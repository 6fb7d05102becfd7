package org.winbackhub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback port that forwards every connection to another: a database that "comes up" when
 * opened.
 */
public final class TcpForward implements AutoCloseable {
  private final ServerSocket server;

  public TcpForward(int port, int target) throws IOException {
    server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    Thread accept =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket in = server.accept();
                  Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                  pump(in, out);
                  pump(out, in);
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "tcp-forward-" + port);
    accept.setDaemon(true);
    accept.start();
  }

  private static void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException ended) {
                // one side closed
              } finally {
                try {
                  to.close();
                  from.close();
                } catch (IOException ignored) {
                  // already closed
                }
              }
            });
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
