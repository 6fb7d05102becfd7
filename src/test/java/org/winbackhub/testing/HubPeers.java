package org.winbackhub.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real peers a whole-app test boots the hub against: a GreenMail SMTP server and free loopback
 * ports, handed to the hub as system properties (which override config/ files).
 */
public final class HubPeers implements AutoCloseable {
  public static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";
  public final GreenMail smtp;
  public final int httpPort;
  public final int managementPort;
  public final Path dataDir;
  public final Path inbox;
  private final List<String> keys = new ArrayList<>();

  public HubPeers(String storeUrl, String storeUser) throws IOException {
    dataDir = Files.createTempDirectory("winback-it-");
    inbox = dataDir.resolve("inbox/loyalty");
    Files.createDirectories(inbox);
    int smtpPort = freePort();
    httpPort = freePort();
    managementPort = freePort();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    set("hub.smtp.host", "127.0.0.1");
    set("hub.smtp.port", String.valueOf(smtpPort));
    set("hub.http.port", String.valueOf(httpPort));
    set("hub.management.port", String.valueOf(managementPort));
    set("hub.public-url", "http://127.0.0.1:" + httpPort);
    set("hub.data-dir", dataDir.toString());
    set("hub.loyalty.inbox", inbox.toString());
    set("hub.store.url", storeUrl.replace("${data}", dataDir.toString()));
    set("hub.store.user", storeUser);
    set("hub.admin.token", ADMIN_TOKEN);
  }

  /** Peers for a hub on the embedded default store: an H2 file in the test's data folder. */
  public static HubPeers h2() throws IOException {
    return new HubPeers(
        "jdbc:h2:file:${data}/hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "sa");
  }

  private void set(String key, String value) {
    System.setProperty(key, value);
    keys.add(key);
  }

  @Override
  public void close() {
    smtp.stop();
    keys.forEach(System::clearProperty);
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
