package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.HubPeers;
import org.winbackhub.testing.PackagedJar;
import org.winbackhub.testing.RunningHub;
import org.winbackhub.testing.TcpForward;

/**
 * The service from the packaged jar, configured only through environment variables as an operator
 * would: it comes up, answers UP on /observe/health with the store check, and stops on SIGTERM; it
 * never says UP on a port it does not hold, and waits for a store that is down at start; the
 * one-shot commands work beside it on the embedded store.
 */
class RunCommandIT {
  @TempDir Path hub;

  @Test
  void run_serves_health_until_stopped_with_settings_from_the_environment() throws Exception {
    PackagedJar.copyHubFolder(hub);
    RunningHub run = RunningHub.start(hub, Map.of());
    try (run) {
      String body = run.awaitHealth(200, 60);
      assertThat(body)
          .as(run.log())
          .isNotNull()
          .startsWith("{\"status\":\"UP\"")
          .contains("{\"name\":\"store\",\"status\":\"UP\"}");
      assertThat(Files.exists(hub.resolve("data/hub.mv.db")))
          .as("H2 store created under the hub's data folder")
          .isTrue();
      assertThat(run.log()).contains("Vert.x HttpServer started on 127.0.0.1:" + run.httpPort);
      String metrics =
          run.get("http://127.0.0.1:" + run.managementPort + "/observe/metrics", Map.of()).body();
      assertThat(metrics) // before any message, row or click: 0, not "no data"
          .contains(
              "hub_messages_total{camelContext=\"winback-hub\",channel=\"email\",outcome=\"sent\"}"
                  + " 0.0")
          .contains(
              "hub_messages_total{camelContext=\"winback-hub\",channel=\"email\",outcome=\"failed\"}"
                  + " 0.0")
          .contains(
              "hub_intake_rows_total{camelContext=\"winback-hub\",outcome=\"rejected\",source=\"loyalty\"}"
                  + " 0.0")
          .contains("hub_feedback_events_total{camelContext=\"winback-hub\",type=\"click\"} 0.0")
          .contains("hub_dead_letters_total{camelContext=\"winback-hub\"} 0.0")
          .contains("hub_source_degraded{source=\"loyalty\"} 0.0");
    }
    assertThat(run.log()).contains("is shutdown");
  }

  @Test
  void commands_run_beside_the_service_on_its_embedded_store() throws Exception {
    PackagedJar.copyHubFolder(hub);
    RunningHub run = RunningHub.start(hub, Map.of());
    try (run) {
      assertThat(run.awaitHealth(200, 60)).as(run.log()).isNotNull();
      Properties served = new Properties();
      try (var r = Files.newBufferedReader(hub.resolve("data/hub.server"))) {
        served.load(r);
      }
      int port = Integer.parseInt(served.getProperty("port"));
      for (InetAddress other : nonLoopbackAddresses()) { // the store is served on loopback only
        try (Socket s = new Socket()) {
          assertThatThrownBy(() -> s.connect(new InetSocketAddress(other, port), 2000))
              .as("the store's port on %s", other)
              .isInstanceOf(IOException.class);
        }
      }

      PackagedJar.Run segment = PackagedJar.run(hub, 120, "segment");
      assertThat(segment.exitCode()).as(segment.output()).isZero();
      assertThat(segment.output())
          .contains("the service is running: using its store through its server")
          .contains("full run: 0 contacts recomputed");
      PackagedJar.Run explain = PackagedJar.run(hub, 120, "explain", "1");
      assertThat(explain.output())
          .as("explain beside run")
          .contains("no classified contact '1'")
          .doesNotContain("already in use")
          .doesNotContain("does not answer");
      assertThat(run.awaitHealth(200, 10)).as("the service goes on").isNotNull();
    }
    assertThat(run.log()).contains("store closed");
    assertThat(hub.resolve("data/hub.server")).as("removed at the stop").doesNotExist();
  }

  private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    List<InetAddress> found = new ArrayList<>();
    for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(i.getInetAddresses())) {
        if (i.isUp() && !a.isLoopbackAddress() && a instanceof Inet4Address) {
          found.add(a);
        }
      }
    }
    return found;
  }

  @Test
  void a_taken_http_port_fails_the_start_in_one_line_naming_it() throws Exception {
    PackagedJar.copyHubFolder(hub);
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RunningHub run =
          RunningHub.start(hub, Map.of("HUB_HTTP_PORT", String.valueOf(other.getLocalPort())));
      try (run) {
        assertThat(run.awaitExit(60)).as(run.log()).isNotZero();
        assertThat(run.log())
            .contains(
                "winback-hub run: cannot listen on 127.0.0.1:"
                    + other.getLocalPort()
                    + " (hub.http.port, env HUB_HTTP_PORT)")
            .doesNotContain("Routes startup")
            .doesNotContain("at org.winbackhub.app.Listeners");
      }
    }
  }

  @Test
  void a_taken_management_port_fails_the_start_in_one_line_naming_it() throws Exception {
    PackagedJar.copyHubFolder(hub);
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RunningHub run =
          RunningHub.start(
              hub, Map.of("HUB_MANAGEMENT_PORT", String.valueOf(other.getLocalPort())));
      try (run) {
        assertThat(run.awaitExit(60)).as(run.log()).isNotZero();
        assertThat(run.log())
            .contains(
                "winback-hub run: cannot listen on 127.0.0.1:"
                    + other.getLocalPort()
                    + " (hub.management.port, env HUB_MANAGEMENT_PORT)");
      }
    }
  }

  @Test
  void a_store_that_never_comes_is_down_in_health_then_ends_the_start_in_one_line()
      throws Exception {
    PackagedJar.copyHubFolder(hub);
    int nothing = HubPeers.freePort();
    RunningHub run =
        RunningHub.start(
            hub,
            Map.of(
                "HUB_STORE_URL",
                "jdbc:postgresql://127.0.0.1:" + nothing + "/winback",
                "HUB_STORE_STARTUP_TIMEOUT",
                "PT20S"));
    try (run) {
      String down = run.awaitHealth(503, 30);
      assertThat(down)
          .as(run.log())
          .contains("{\"name\":\"store\",\"status\":\"DOWN\"}")
          .contains("has status Stopped");
      assertThat(run.awaitExit(60)).isEqualTo(1);
      String log = run.log();
      assertThat(log)
          .contains(
              "winback-hub run: the store at jdbc:postgresql://127.0.0.1:"
                  + nothing
                  + "/winback did not answer within PT20S")
          .contains("does not answer (attempt 2); asking again in 4 s")
          .doesNotContain("at org.winbackhub")
          .doesNotContain("Routes startup");
    }
  }

  @Test
  void a_store_that_comes_late_is_migrated_and_the_routes_start() throws Exception {
    PackagedJar.copyHubFolder(hub);
    int later = HubPeers.freePort();
    String schema = TestStores.freshSchema("surface_late_store");
    URI server = URI.create(TestStores.PG_SERVER.substring("jdbc:".length()));
    String url = schema.replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + later);
    RunningHub run =
        RunningHub.start(hub, Map.of("HUB_STORE_URL", url, "HUB_STORE_USER", TestStores.PG_USER));
    try (run) {
      assertThat(run.awaitHealth(503, 30))
          .as(run.log())
          .contains("{\"name\":\"store\",\"status\":\"DOWN\"}");
      try (TcpForward database = new TcpForward(later, server.getPort())) {
        String up = run.awaitHealth(200, 60);
        assertThat(up)
            .as(run.log())
            .contains("{\"name\":\"store\",\"status\":\"UP\"}")
            .contains("{\"name\":\"route:feedback-click\",\"status\":\"UP\"}");
        assertThat(run.log()).contains("starting the routes");
      }
    }
  }
}
