package org.winbackhub.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged jar running as a service ({@code java -jar winback-hub.jar run}) in a hub folder of
 * the test's own, configured through environment variables as an operator would; its output is kept
 * to be read. Stopped with SIGTERM on close.
 */
public final class RunningHub implements AutoCloseable {
  final Path hub;
  public final int httpPort;
  public final int managementPort;
  final Process process;
  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private RunningHub(Path hub, int httpPort, int managementPort, Process process) {
    this.hub = hub;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.process = process;
  }

  /** Starts the jar in {@code hub} (which holds config/ and routes/) with {@code env} added. */
  public static RunningHub start(Path hub, Map<String, String> env) throws IOException {
    Map<String, String> all = new HashMap<>();
    all.put("HUB_HTTP_HOST", "127.0.0.1");
    all.put("HUB_HTTP_PORT", String.valueOf(HubPeers.freePort()));
    all.put("HUB_MANAGEMENT_PORT", String.valueOf(HubPeers.freePort()));
    all.put("HUB_SMTP_PORT", "1"); // nothing to send: the store is empty
    all.putAll(env);
    Path jar = Path.of(System.getProperty("hub.jar", "target/winback-hub.jar")).toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "run")
            .directory(hub.toFile())
            .redirectErrorStream(true)
            .redirectOutput(hub.resolve("run.log").toFile());
    pb.environment().putAll(all);
    return new RunningHub(
        hub,
        Integer.parseInt(all.get("HUB_HTTP_PORT")),
        Integer.parseInt(all.get("HUB_MANAGEMENT_PORT")),
        pb.start());
  }

  /**
   * The body of /observe/health?exposureLevel=full once it answers {@code status}, or null after
   * {@code seconds}.
   */
  public String awaitHealth(int status, int seconds) throws Exception {
    return awaitHealth(r -> r.statusCode() == status, seconds);
  }

  /** The same, once the answer contains {@code text}, whatever the overall status. */
  public String awaitHealth(String text, int seconds) throws Exception {
    return awaitHealth(r -> r.body().contains(text), seconds);
  }

  private String awaitHealth(Predicate<HttpResponse<String>> done, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<String> r =
            get(
                "http://127.0.0.1:" + managementPort + "/observe/health?exposureLevel=full",
                Map.of());
        if (done.test(r)) {
          return r.body();
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    return null;
  }

  public HttpResponse<String> get(String url, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String url, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits for the process to end by itself; its exit code. */
  public int awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("the hub did not end within " + seconds + " s");
    }
    return process.exitValue();
  }

  public String log() throws IOException {
    return Files.readString(hub.resolve("run.log"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the hub did not stop within 30 s of SIGTERM");
      }
    }
  }
}
