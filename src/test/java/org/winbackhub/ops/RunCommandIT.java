package org.winbackhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service from the packaged jar, configured only through environment variables as an operator
 * would: it comes up, answers UP on /observe/health with the store check, and stops on SIGTERM.
 */
class RunCommandIT {
  @TempDir Path hub;

  @Test
  void run_serves_health_until_stopped_with_settings_from_the_environment() throws Exception {
    PackagedJar.copyHubFolder(hub);
    int http = HubPeers.freePort();
    int management = HubPeers.freePort();
    Path jar = Path.of(System.getProperty("hub.jar", "target/winback-hub.jar")).toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "run")
            .directory(hub.toFile())
            .redirectErrorStream(true)
            .redirectOutput(hub.resolve("run.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("HUB_HTTP_PORT", String.valueOf(http));
    env.put("HUB_HTTP_HOST", "127.0.0.1");
    env.put("HUB_MANAGEMENT_PORT", String.valueOf(management));
    env.put("HUB_SMTP_PORT", "1"); // nothing to send: the store is empty
    Process p = pb.start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String body = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && p.isAlive()) {
        try {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/observe/health?exposureLevel=full")).build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            body = r.body();
            break;
          }
        } catch (IOException notYet) {
          // still starting
        }
        Thread.sleep(250);
      }
      assertThat(body).as(log()).isNotNull().startsWith("{\"status\":\"UP\"").contains("{\"name\":\"store\",\"status\":\"UP\"}");
      assertThat(Files.exists(hub.resolve("data/hub.mv.db"))).as("H2 store created under the hub's data folder").isTrue();
      assertThat(log()).contains("Vert.x HttpServer started on 127.0.0.1:" + http);
    } finally {
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
    assertThat(log()).contains("is shutdown");
  }

  private String log() throws IOException {
    return Files.readString(hub.resolve("run.log"));
  }
}
