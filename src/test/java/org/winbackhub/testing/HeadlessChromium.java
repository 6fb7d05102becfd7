package org.winbackhub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) in headless mode, driven over the DevTools
 * protocol: a page opened, keys pressed, its text read, with the page's own scripts off if asked.
 * Started with the flags this machine needs (no background networking: its network is closed).
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final String http;
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private WebSocket page;

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  public HeadlessChromium() throws Exception {
    profile = Files.createTempDirectory("chromium-");
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    String ws = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (String line;
        ws == null && System.nanoTime() < deadline && (line = err.readLine()) != null; ) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        ws = m.group(1);
      }
    }
    if (ws == null) {
      close();
      throw new IllegalStateException("chromium did not open its DevTools port");
    }
    Thread drain =
        new Thread(
            () -> {
              try {
                err.transferTo(java.io.Writer.nullWriter());
              } catch (IOException ignored) {
                // closed
              }
            });
    drain.setDaemon(true);
    drain.start();
    URI u = URI.create(ws);
    http = "http://" + u.getHost() + ":" + u.getPort();
  }

  /** Opens {@code url} in a new tab, page scripts on or off, and waits for it to load. */
  public void open(String url, boolean scripts) throws Exception {
    HttpResponse<String> target =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        http
                            + "/json/new?"
                            + URLEncoder.encode("about:blank", StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String socket = JSON.readTree(target.body()).get("webSocketDebuggerUrl").asText();
    page =
        client
            .newWebSocketBuilder()
            .buildAsync(URI.create(socket), new Listener())
            .get(10, TimeUnit.SECONDS);
    call("Page.enable", JSON.createObjectNode());
    call("Emulation.setScriptExecutionDisabled", JSON.createObjectNode().put("value", !scripts));
    call("Page.navigate", JSON.createObjectNode().put("url", url));
    awaitText("document.readyState", "complete");
  }

  /** Presses a key on the page ("Tab", "Enter"), as a person at the keyboard. */
  public void press(String key, int keyCode) throws Exception {
    for (String type : new String[] {"keyDown", "keyUp"}) {
      ObjectNode p =
          JSON.createObjectNode()
              .put("type", type)
              .put("key", key)
              .put("code", key)
              .put("windowsVirtualKeyCode", keyCode);
      if (key.equals("Enter") && type.equals("keyDown")) {
        p.put("text", "\r");
      }
      call("Input.dispatchKeyEvent", p);
    }
  }

  /** The value of a DevTools expression on the page (read by the browser, not by page scripts). */
  public String text(String expression) throws Exception {
    JsonNode r =
        call(
            "Runtime.evaluate",
            JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
    return r.at("/result/value").asText(null);
  }

  /** Waits up to 10 s for {@code expression} to read {@code expected}; what it last read. */
  public String awaitText(String expression, String expected) throws Exception {
    String last = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try {
        last = text(expression);
      } catch (Exception navigating) {
        last = null; // the page is being replaced
      }
      if (expected.equals(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    return last;
  }

  /** A PNG of the page as rendered. */
  public byte[] screenshot() throws Exception {
    JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
    return java.util.Base64.getDecoder().decode(r.get("data").asText());
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    page.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
    JsonNode r = answer.get(10, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.get("result");
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode msg = JSON.readTree(partial.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          }
        } catch (IOException e) {
          // not for us
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    if (page != null) {
      page.abort();
    }
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
