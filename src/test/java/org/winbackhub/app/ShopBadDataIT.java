package org.winbackhub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.shop.ShopSignature;

/**
 * Shops that send bad data or too much of it, against the running hub: an order of an absurd amount
 * costs that order only (later orders and pages arrive, the watermark moves past it), the order
 * webhook acknowledges a signed bad order with its reject stored and answers 400 to what is not an
 * order, and a shop that is too slow or sends a page that is too large fails its sync with the
 * reason in health, in seconds and in bounded memory.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:shop-bad-routes/*.camel.yaml",
      "hub.shop.access-token=" + ShopSourceIT.TOKEN,
      "hub.shop.webhook-secret=" + ShopSourceIT.SECRET,
      "hub.shop.retry-backoff-ms=50",
      "hub.sources.retry-backoff-ms=50",
      "hub.shop.read-timeout=PT1S",
      "hub.shop.max-response-size=256KB"
    })
class ShopBadDataIT extends HubAppTest {
  static final String API = ShopSourceIT.API;
  static WireMockServer shop;

  @BeforeAll
  static void startShops() throws Exception {
    shop = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    shop.start();
    String base = "http://127.0.0.1:" + shop.port();
    // one server, three shops told apart by a path prefix
    System.setProperty("shop.bad.url", base + "/bad");
    System.setProperty("shop.slow.url", base + "/slow");
    System.setProperty("shop.big.url", base + "/big");
    shop.stubFor(listing("/bad", "customers").willReturn(ShopSourceIT.json("{\"customers\":[]}")));
    shop.stubFor(
        listing("/bad", "orders")
            .withQueryParam("updated_at_min", absent())
            .withQueryParam("page_info", absent())
            .willReturn(
                ShopSourceIT.page(
                    "orders-absurd-amount-page1.json",
                    base + "/bad" + API + "orders.json?limit=250&page_info=cDI")));
    shop.stubFor(
        listing("/bad", "orders")
            .withQueryParam("page_info", equalTo("cDI"))
            .willReturn(ShopSourceIT.page("orders-absurd-amount-page2.json", null)));
    shop.stubFor(
        listing("/bad", "orders")
            .withQueryParam("updated_at_min", matching(".+"))
            .atPriority(9)
            .willReturn(ShopSourceIT.json("{\"orders\":[]}")));
    // answers after 3 s; the hub waits 1 s (hub.shop.read-timeout)
    shop.stubFor(
        listing("/slow", "customers")
            .willReturn(ShopSourceIT.json("{\"customers\":[]}").withFixedDelay(3000)));
    // a page of 400 KB; the hub takes 256 KB (hub.shop.max-response-size)
    String big =
        "{\"customers\":["
            + ("{\"id\":1,\"note\":\"" + "x".repeat(1000) + "\"},").repeat(400)
            + "{\"id\":2}]}";
    shop.stubFor(listing("/big", "customers").willReturn(ShopSourceIT.json(big)));
  }

  static MappingBuilder listing(String prefix, String what) {
    return WireMock.get(urlPathEqualTo(prefix + API + what + ".json"))
        .withHeader("X-Shopify-Access-Token", equalTo(ShopSourceIT.TOKEN));
  }

  @AfterAll
  static void stopShops() {
    shop.stop();
    System.clearProperty("shop.bad.url");
    System.clearProperty("shop.slow.url");
    System.clearProperty("shop.big.url");
  }

  /** The source's check in /observe/health at full exposure, once it appears. */
  String check(String source) throws Exception {
    String url = "http://127.0.0.1:" + peers.managementPort + "/observe/health?exposureLevel=full";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String name = "\"source:" + source + "\"";
    String body = "";
    while (!body.contains(name) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      body = get(url).body();
    }
    int at = body.indexOf(name);
    assertThat(at).as("health check of %s", source).isNotNegative();
    return body.substring(at, body.indexOf('}', at));
  }

  @Test
  @Order(1)
  void an_order_of_an_absurd_amount_costs_that_order_and_the_later_orders_and_pages_arrive()
      throws Exception {
    // the watermark reaches the last order of page 2: every page was committed
    awaitCount(
        "SELECT COUNT(*) FROM source_watermark WHERE source = 'shop:orders' AND watermark LIKE"
            + " '%2024-10-02T09:00:00Z%'",
        1);

    assertThat(
            query(
                "SELECT external_id FROM contact_event WHERE source = 'shop' ORDER BY external_id"))
        .extracting(m -> m.get("external_id"))
        .containsExactly("purchase:820000001", "purchase:820000003", "purchase:820000004");
    Map<String, Object> reject =
        query(
                "SELECT location, record_key, reason FROM rejected_record WHERE record_key ="
                    + " '820000002'")
            .get(0);
    assertThat(reject).containsEntry("location", "shop orders");
    assertThat(reject.get("reason").toString())
        .matches("(?i).*(total_price|amount|range).*")
        .doesNotContain("1000000000000");
    assertThat(check("shop")).contains("\"status\":\"UP\"");
    // the next runs ask from the watermark (past the refused order) and keep the reject once
    awaitRequests(
        getRequestedFor(urlPathEqualTo("/bad" + API + "orders.json"))
            .withQueryParam("updated_at_min", matching(".+")));
    assertThat(count("SELECT COUNT(*) FROM rejected_record WHERE record_key = '820000002'"))
        .isEqualTo(1);
  }

  void awaitRequests(RequestPatternBuilder pattern) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (shop.findAll(pattern).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(shop.findAll(pattern)).isNotEmpty();
  }

  @Test
  @Order(2)
  void a_signed_order_of_an_absurd_amount_is_acknowledged_with_its_reject_stored()
      throws Exception {
    byte[] body =
        Files.readAllBytes(Path.of("src/test/resources/shop/webhook-order-absurd-amount.json"));
    HttpResponse<String> answer = post(body, "b0f1c3aa-0001");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).startsWith("rejected: ");
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE external_id = 'purchase:820000009'"))
        .isZero();
    Map<String, Object> reject =
        query("SELECT location, reason FROM rejected_record WHERE record_key = '820000009'").get(0);
    assertThat(reject.get("location")).isEqualTo("shop webhook orders/create");
    assertThat(reject.get("reason").toString()).doesNotContain("1000000000000");
    // Shopify would resend a 5xx for 48 hours; a resend of this one is acknowledged and kept once
    assertThat(post(body, "b0f1c3aa-0001").statusCode()).isEqualTo(200);
    assertThat(count("SELECT COUNT(*) FROM rejected_record WHERE record_key = '820000009'"))
        .isEqualTo(1);
  }

  @Test
  @Order(3)
  void a_signed_body_that_is_not_an_order_gets_400_and_a_forged_one_401() throws Exception {
    HttpResponse<String> notJson =
        post("<order id=\"1\"/>".getBytes(StandardCharsets.UTF_8), "b0f1c3aa-0002");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).isEqualTo("rejected: body: not JSON");
    HttpResponse<String> array =
        post("[{\"id\":1}]".getBytes(StandardCharsets.UTF_8), "b0f1c3aa-0003");
    assertThat(array.statusCode()).isEqualTo(400);
    HttpResponse<String> noId =
        post("{\"total_price\":\"10.00\"}".getBytes(StandardCharsets.UTF_8), "b0f1c3aa-0004");
    assertThat(noId.statusCode()).isEqualTo(400);
    assertThat(noId.body()).isEqualTo("rejected: body: not an order (a JSON object with an id)");
    // each kept under its webhook id, so distinct calls stay distinct
    assertThat(
            query(
                "SELECT record_key FROM rejected_record WHERE location = 'shop webhook"
                    + " orders/create' AND record_key LIKE 'webhook %' ORDER BY record_key"))
        .extracting(m -> m.get("record_key"))
        .containsExactly("webhook b0f1c3aa-0002", "webhook b0f1c3aa-0003", "webhook b0f1c3aa-0004");

    byte[] body = Files.readAllBytes(Path.of("src/test/resources/shop/webhook-order.json"));
    HttpRequest forged =
        request(body, "b0f1c3aa-0005")
            .header("X-Shopify-Hmac-Sha256", new ShopSignature("nope").sign(body))
            .build();
    assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
  }

  @Test
  @Order(4)
  void a_shop_slower_than_the_read_timeout_fails_its_sync_in_seconds_with_the_reason_in_health()
      throws Exception {
    String check = check("slow-shop");
    assertThat(check)
        .contains("\"status\":\"DOWN\"")
        .contains("hub.shop.read-timeout")
        .contains("PT1S");
    assertThat(check("shop")).contains("\"status\":\"UP\"");
  }

  @Test
  @Order(5)
  void a_page_over_the_size_limit_is_refused_and_reported_as_a_failed_sync() throws Exception {
    String check = check("big-shop");
    assertThat(check)
        .contains("\"status\":\"DOWN\"")
        .contains("over hub.shop.max-response-size (262144 bytes); refused unread")
        .doesNotContain(ShopSourceIT.TOKEN);
    assertThat(count("SELECT COUNT(*) FROM source_ref WHERE source = 'big-shop'")).isZero();
  }

  HttpRequest.Builder request(byte[] body, String webhookId) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + peers.httpPort + "/webhooks/shop/orders"))
        .header("Content-Type", "application/json")
        .header("X-Shopify-Topic", "orders/create")
        .header("X-Shopify-Webhook-Id", webhookId)
        .header("X-Shopify-Shop-Domain", "tienda.myshopify.com")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  HttpResponse<String> post(byte[] body, String webhookId) throws Exception {
    HttpRequest r =
        request(body, webhookId)
            .header("X-Shopify-Hmac-Sha256", new ShopSignature(ShopSourceIT.SECRET).sign(body))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
