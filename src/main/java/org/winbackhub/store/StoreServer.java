package org.winbackhub.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.h2.tools.Server;

/**
 * An embedded H2 file store shared with the commands run beside the service. H2 lets one process
 * open a file; its automatic mixed mode (AUTO_SERVER) would share it, but only with H2's own
 * shutdown hook closing the file at SIGTERM under the sends still running ({@link StoreUrl}). So
 * the service serves its open file itself: an H2 TCP server on a loopback port that refuses other
 * hosts and opens only this file, under a random key, written with its port to {@code NAME.server}
 * beside the file (readable by its owner only: whoever can read it can read the file anyway). A
 * command finds that file, checks the port answers and connects through it; a file left by a killed
 * service is ignored (its port does not answer) and replaced at the next start.
 */
public final class StoreServer implements AutoCloseable {
  private static final String SUFFIX = ".server";
  private final Server server;
  private final Path addressFile;

  private StoreServer(Server server, Path addressFile) {
    this.server = server;
    this.addressFile = addressFile;
  }

  /**
   * H2's servers listen on loopback only (h2.bindAddress, unless set): to be called first thing in
   * the process, before H2 reads its system properties.
   */
  public static void loopbackOnly() {
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
  }

  /**
   * Serves the store at {@code url} (an embedded H2 file; anything else: empty), to be called by
   * the service once it has the file open.
   */
  public static Optional<StoreServer> serve(String url) {
    Optional<Path> base = basePath(url);
    if (base.isEmpty()) {
      return Optional.empty();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = HexFormat.of().formatHex(random);
    try {
      Server server =
          Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-key", key, base.get().toString());
      server.start();
      Path file = addressFile(base.get());
      Properties p = new Properties();
      p.setProperty("port", String.valueOf(server.getPort()));
      p.setProperty("key", key);
      p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
      write(file, p);
      return Optional.of(new StoreServer(server, file));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot serve the store to commands beside the service", e);
    }
  }

  /**
   * The URL through which a command reaches the store at {@code url} while the service holds it:
   * empty when no service serves it (or it is not an embedded H2 file).
   */
  public static Optional<String> throughService(String url) {
    Optional<Path> base = basePath(url);
    if (base.isEmpty() || !Files.isReadable(addressFile(base.get()))) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(addressFile(base.get()), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!p.getProperty("port", "").matches("\\d{1,5}")
        || !p.getProperty("pid", "").matches("\\d+")) {
      return Optional.empty();
    }
    int port = Integer.parseInt(p.getProperty("port", "0"));
    boolean alive =
        ProcessHandle.of(Long.parseLong(p.getProperty("pid", "0")))
            .map(ProcessHandle::isAlive)
            .orElse(false);
    if (port <= 0 || !alive || !answers(port)) {
      return Optional.empty(); // left by a service that was killed
    }
    int settings = url.indexOf(';');
    return Optional.of(
        "jdbc:h2:tcp://127.0.0.1:"
            + port
            + "/"
            + p.getProperty("key")
            + (settings < 0 ? "" : url.substring(settings)));
  }

  public int port() {
    return server.getPort();
  }

  /** Stops serving: the commands connected through it lose their connections. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(addressFile);
    } catch (IOException e) {
      // a stale file is ignored by the commands (its port no longer answers)
    }
    server.stop();
  }

  /** The file's path without .mv.db, absolute, for an embedded H2 file URL. */
  static Optional<Path> basePath(String url) {
    if (!StoreUrl.isEmbeddedH2File(url)) {
      return Optional.empty();
    }
    String rest = url.substring("jdbc:h2:".length());
    int settings = rest.indexOf(';');
    rest = settings < 0 ? rest : rest.substring(0, settings);
    rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
    if (rest.startsWith("~")) {
      rest = System.getProperty("user.home") + rest.substring(1);
    }
    return Optional.of(Path.of(rest).toAbsolutePath().normalize());
  }

  private static Path addressFile(Path base) {
    return base.resolveSibling(base.getFileName() + SUFFIX);
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void write(Path file, Properties p) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's own permissions apply
      }
      try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "the running service's store, for commands beside it; deleted at its stop");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
