package org.winbackhub.intake.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shop client against a real HTTP server: timeouts and the size bound, without reading past it.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShopHttpTest {
  HttpServer server;
  String base;
  final AtomicLong written = new AtomicLong();
  ShopHttp http = new ShopHttp(Duration.ofSeconds(2), Duration.ofMillis(500), 64 * 1024);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/ok",
        x -> {
          byte[] body = "{\"orders\":[]}".getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Link", "<" + base + "/ok?page_info=abc>; rel=\"next\"");
          x.getResponseHeaders()
              .add("X-Seen-Token", x.getRequestHeaders().getFirst("X-Shopify-Access-Token"));
          x.sendResponseHeaders(200, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.createContext(
        "/busy",
        x -> {
          x.sendResponseHeaders(503, -1);
          x.close();
        });
    server.createContext(
        "/slow",
        x -> {
          sleep(3000);
          x.sendResponseHeaders(200, 2);
          x.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
          x.close();
        });
    // 300 MB announced, then sent slowly until the client hangs up: reading it all would take
    // minutes
    server.createContext("/declared", x -> endless(x, 300L * 1024 * 1024));
    // no length (chunked), never ending
    server.createContext("/endless", x -> endless(x, 0));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void endless(HttpExchange x, long length) throws IOException {
    x.sendResponseHeaders(200, length);
    byte[] chunk = new byte[16 * 1024];
    try (OutputStream out = x.getResponseBody()) {
      while (true) {
        out.write(chunk);
        out.flush();
        written.addAndGet(chunk.length);
        sleep(20);
      }
    } catch (IOException hungUp) {
      // the client dropped the connection
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void stop() throws IOException {
    server.stop(0);
    http.close();
  }

  @Test
  void an_answer_carries_its_status_headers_and_body_and_the_token_goes_only_in_its_header() {
    ShopApi api = http.withToken("shpat_test");
    ShopApi.Response r = api.get(base + "/ok?limit=250&order=updated_at+asc");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"orders\":[]}");
    assertThat(r.header("link")).contains("page_info=abc");
    assertThat(api.get(base + "/busy").status()).isEqualTo(503);
  }

  @Test
  void a_shop_that_sends_nothing_within_the_read_timeout_fails_the_page_naming_the_property() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> http.withToken("t").get(base + "/slow?page_info=secret"))
        .isInstanceOf(ShopApiException.class)
        .hasMessageContaining("hub.shop.read-timeout")
        .hasMessageNotContaining("secret");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void an_answer_announced_over_the_limit_is_refused_without_being_read() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> http.withToken("t").get(base + "/declared"))
        .isInstanceOf(ShopApiException.class)
        .hasMessage(
            "the shop's answer for "
                + base
                + "/declared is 314572800 bytes by its Content-Length,"
                + " over hub.shop.max-response-size (65536 bytes); refused unread");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void
      an_endless_answer_is_cut_once_it_passes_the_limit_and_the_connection_is_dropped_not_drained() {
    assertThatThrownBy(() -> http.withToken("t").get(base + "/endless"))
        .isInstanceOf(ShopApiException.class)
        .hasMessageContaining("more than 65536 bytes while reading it");
    long after = written.get();
    sleep(500);
    // the server's writes fail once the connection is gone: nothing more is read
    assertThat(written.get() - after).isLessThanOrEqualTo(256 * 1024);
  }

  @Test
  void a_shop_that_cannot_be_reached_is_named_by_host_only() {
    assertThatThrownBy(() -> http.withToken("t").get("http://127.0.0.1:9/admin?page_info=secret"))
        .isInstanceOf(ShopApiException.class)
        .hasMessageStartingWith("cannot reach the shop at 127.0.0.1")
        .hasMessageNotContaining("secret");
  }

  @Test
  void a_missing_token_is_a_configuration_error() {
    assertThatThrownBy(() -> http.withToken("{{env:HUB_SHOP_ACCESS_TOKEN}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HUB_SHOP_ACCESS_TOKEN");
  }
}
