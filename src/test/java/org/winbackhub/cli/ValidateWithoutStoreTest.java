package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** validate checks the configuration without ever connecting to the store. */
class ValidateWithoutStoreTest {

  @Test
  void validate_never_connects_to_the_store_and_leaves_no_pool_running() throws Exception {
    try (ServerSocket store = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      System.setProperty(
          "hub.store.url", "jdbc:postgresql://127.0.0.1:" + store.getLocalPort() + "/hub");
      try {
        ConfigValidator.Report report = new ConfigValidator(Path.of("."), null).validate();
        assertThat(report.problems()).isEmpty();
      } finally {
        System.clearProperty("hub.store.url");
      }
      store.setSoTimeout(2_000);
      boolean connected;
      try (var ignored = store.accept()) {
        connected = true;
      } catch (SocketTimeoutException e) {
        connected = false;
      }
      assertThat(connected).as("a connection to the store").isFalse();
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("hub-store"));
  }
}
