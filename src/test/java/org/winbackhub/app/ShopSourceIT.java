package org.winbackhub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;
import org.winbackhub.intake.camel.SourceRunner;
import org.winbackhub.intake.shop.ShopSignature;

/**
 * A Shopify shop connected by configuration only (a route using the winback-shop-api-source
 * Kamelet), served by WireMock with the Admin REST API's documented JSON: two pages of customers
 * and of orders linked by Link headers, a 429 to wait out, a malformed order; then an incremental
 * run, a loyalty card of the same person, the order webhook, and a shop that is down.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:shop-routes/*.camel.yaml",
      "hub.shop.access-token=shpat_it_0123456789abcdef",
      "hub.shop.webhook-secret=" + ShopSourceIT.SECRET,
      "hub.shop.retry-backoff-ms=50",
      "hub.sources.retry-backoff-ms=50"
    })
class ShopSourceIT extends HubAppTest {
  static final String SECRET = "it-webhook-secret-7f3a9c";
  static final String API = "/admin/api/2024-10/";
  static final String TOKEN = "shpat_it_0123456789abcdef";
  static WireMockServer shop;

  @BeforeAll
  static void startShop() throws Exception {
    shop = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    shop.start();
    String base = "http://127.0.0.1:" + shop.port();
    System.setProperty("shop.it.url", base);
    // customers: page 1 links to page 2; incremental reads (updated_at_min) find nothing yet
    shop.stubFor(
        listing("customers")
            .withQueryParam("updated_at_min", absent())
            .withQueryParam("page_info", absent())
            .withQueryParam("order", equalTo("updated_at asc"))
            .withQueryParam("limit", equalTo("250"))
            .willReturn(
                page(
                    "customers-page1.json",
                    base + API + "customers.json?limit=250&page_info=eyJjIjoyfQ")));
    shop.stubFor(
        listing("customers")
            .withQueryParam("page_info", equalTo("eyJjIjoyfQ"))
            .willReturn(page("customers-page2.json", null)));
    shop.stubFor(
        listing("customers")
            .withQueryParam("updated_at_min", matching(".+"))
            .atPriority(9)
            .willReturn(json("{\"customers\":[]}")));
    // orders: page 2 is rate limited once (429, Retry-After 0.6 s) before it is served
    shop.stubFor(
        listing("orders")
            .withQueryParam("updated_at_min", absent())
            .withQueryParam("page_info", absent())
            .withQueryParam("status", equalTo("any"))
            .willReturn(
                page(
                    "orders-page1.json",
                    base + API + "orders.json?limit=250&page_info=eyJvIjoyfQ")));
    shop.stubFor(
        listing("orders")
            .withQueryParam("page_info", equalTo("eyJvIjoyfQ"))
            .inScenario("rate limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("waited")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "0.6")
                    .withBody(
                        "{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request"
                            + " rates to resume uninterrupted service.\"}")));
    shop.stubFor(
        listing("orders")
            .withQueryParam("page_info", equalTo("eyJvIjoyfQ"))
            .inScenario("rate limit")
            .whenScenarioStateIs("waited")
            .willReturn(page("orders-page2.json", null)));
    shop.stubFor(
        listing("orders")
            .withQueryParam("updated_at_min", matching(".+"))
            .atPriority(9)
            .willReturn(json("{\"orders\":[]}")));
  }

  static MappingBuilder listing(String what) {
    return WireMock.get(urlPathEqualTo(API + what + ".json"))
        .withHeader("X-Shopify-Access-Token", equalTo(TOKEN));
  }

  static ResponseDefinitionBuilder page(String file, String next) throws Exception {
    var r = json(Files.readString(Path.of("src/test/resources/shop", file)));
    return next == null ? r : r.withHeader("Link", "<" + next + ">; rel=\"next\"");
  }

  static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  @AfterAll
  static void stopPeers() {
    shop.stop();
    System.clearProperty("shop.it.url");
  }

  /** Waits for the next report of the shop source that matches, after now. */
  SyncReport nextShopReport(Predicate<SyncReport> wanted) throws Exception {
    MockEndpoint synced = camel.getEndpoint("mock:shop-synced", MockEndpoint.class);
    synced.reset();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (var e : List.copyOf(synced.getReceivedExchanges())) {
        SyncReport r = e.getMessage().getBody(SyncReport.class);
        if (r != null && r.source().equals("shop") && wanted.test(r)) {
          return r;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no matching sync report of the shop within 30 s");
  }

  @Test
  @Order(1)
  void the_first_sync_walks_both_pages_waits_out_the_429_and_rejects_only_the_bad_order()
      throws Exception {
    awaitCount("SELECT COUNT(*) FROM source_watermark WHERE source LIKE 'shop:%'", 2);
    nextShopReport(r -> true);

    assertThat(query("SELECT first_name FROM contact ORDER BY first_name"))
        .extracting(m -> m.get("first_name"))
        .containsExactly("Ana", "Bruno", "Clara");
    assertThat(
            query(
                    "SELECT email, email_consent, sms_consent FROM contact WHERE first_name ="
                        + " 'Bruno'")
                .get(0))
        .containsEntry("email", "bruno@example.com")
        .containsEntry("email_consent", "OPTED_OUT")
        .containsEntry("sms_consent", "GRANTED");
    assertThat(query("SELECT email, email_consent FROM contact WHERE first_name = 'Ana'").get(0))
        .containsEntry("email", "Ana.Alba@Example.com") // as the shop's customer record types it
        .containsEntry("email_consent", "GRANTED");

    // the paid orders are purchases; the cancelled one (#1002) is not; the bad one (#1003) is
    // rejected
    assertThat(
            query(
                "SELECT external_id FROM contact_event WHERE source = 'shop' ORDER BY external_id"))
        .extracting(m -> m.get("external_id"))
        .containsExactly("purchase:450789469", "purchase:450789472");
    Map<String, Object> ana =
        query(
                "SELECT e.amount, e.currency, e.occurred_at, e.discount_amount, e.discount_codes,"
                    + " e.items, k.first_name FROM contact_event e JOIN contact k ON k.id ="
                    + " e.contact_id WHERE e.external_id = 'purchase:450789469'")
            .get(0);
    assertThat(ana.get("first_name")).isEqualTo("Ana");
    assertThat(ana.get("amount").toString()).isEqualTo("59.80");
    assertThat(ana.get("currency")).isEqualTo("EUR");
    assertThat(ana.get("discount_amount").toString()).isEqualTo("6.00");
    assertThat(ana.get("discount_codes").toString())
        .isEqualTo("[{\"code\":\"WELCOME10\",\"amount\":6.00,\"type\":\"percentage\"}]");
    assertThat(ana.get("items").toString())
        .contains("\"sku\":\"TEE-RED-M\"", "\"quantity\":2", "\"title\":\"Taza\"");

    Map<String, Object> reject =
        query(
                "SELECT source, location, record_key, field, reason, raw FROM rejected_record WHERE"
                    + " source = 'shop'")
            .get(0);
    assertThat(reject)
        .containsEntry("source", "shop")
        .containsEntry("location", "shop orders")
        .containsEntry("record_key", "450789471")
        .containsEntry("field", "total_price")
        .containsEntry("reason", "total_price: not a number")
        .containsEntry("raw", "twelve");

    // the 429 was waited out for its Retry-After, then page 2 was read
    List<LoggedRequest> page2 =
        shop.findAll(
            WireMock.getRequestedFor(urlPathEqualTo(API + "orders.json"))
                .withQueryParam("page_info", equalTo("eyJvIjoyfQ")));
    assertThat(page2.size()).isGreaterThanOrEqualTo(2);
    long waited = page2.get(1).getLoggedDate().getTime() - page2.get(0).getLoggedDate().getTime();
    assertThat(waited).isGreaterThanOrEqualTo(550);
    // every call carried the token and matched a documented request
    assertThat(shop.findAllUnmatchedRequests()).isEmpty();
  }

  @Test
  @Order(2)
  void a_shop_customer_with_a_loyalty_card_is_one_contact() throws Exception {
    dropAndWait(
        "cards.csv",
        HEADER + "\nLC7001,Ana,Alba,ana.alba@example.com,,no,V1,visit," + ago(3) + ",,\n");
    assertThat(count("SELECT COUNT(*) FROM contact WHERE email_key = 'ana.alba@example.com'"))
        .isEqualTo(1);
    assertThat(
            query(
                "SELECT r.source, r.external_id FROM source_ref r JOIN contact k ON k.id ="
                    + " r.contact_id WHERE k.email_key = 'ana.alba@example.com' ORDER BY r.source"))
        .extracting(m -> m.get("source") + "/" + m.get("external_id"))
        .containsExactly("loyalty/LC7001", "shop/207119551");
    assertThat(
            count(
                "SELECT COUNT(DISTINCT e.contact_id) FROM contact_event e JOIN contact k ON k.id ="
                    + " e.contact_id WHERE k.email_key = 'ana.alba@example.com'"))
        .isEqualTo(1);
  }

  @Test
  @Order(3)
  void the_next_runs_ask_from_the_watermark_and_take_only_what_changed() throws Exception {
    // steady state before any change: nothing to read
    assertThat(nextShopReport(r -> true).read()).isZero();
    shop.stubFor(
        listing("customers")
            .withQueryParam("updated_at_min", matching(".+"))
            .atPriority(1)
            .willReturn(page("customers-changed.json", null)));
    shop.stubFor(
        listing("orders")
            .withQueryParam("updated_at_min", matching(".+"))
            .atPriority(1)
            .willReturn(page("orders-changed.json", null)));

    SyncReport changed = nextShopReport(r -> r.read() > 0);
    assertThat(changed.read()).isEqualTo(2);
    // Bruno stopped SMS marketing in the shop
    awaitCount(
        "SELECT COUNT(*) FROM contact WHERE first_name = 'Bruno' AND sms_consent = 'OPTED_OUT'", 1);
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE external_id = 'purchase:450789473'"))
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(3);

    // asked from the last change seen (2024-09-03T12:00:00Z for customers) minus the 1-minute
    // overlap
    assertThat(
            shop.findAll(
                WireMock.getRequestedFor(urlPathEqualTo(API + "customers.json"))
                    .withQueryParam("updated_at_min", equalTo("2024-09-03T11:59:00Z"))))
        .isNotEmpty();
    // re-reading within the overlap adds nothing twice
    SyncReport again = nextShopReport(r -> true);
    assertThat(again.read()).isEqualTo(2);
    assertThat(again.changes().newEvents()).isZero();
    assertThat(again.changes().newContacts()).isZero();
    assertThat(again.line()).startsWith("sync shop: read 2, new 0, ");
  }

  @Test
  @Order(4)
  void a_signed_order_webhook_is_a_purchase_at_once_and_a_forged_one_is_refused() throws Exception {
    byte[] body = Files.readAllBytes(Path.of("src/test/resources/shop/webhook-order.json"));
    String url = "http://127.0.0.1:" + peers.httpPort + "/webhooks/shop/orders";
    String signature = new ShopSignature(SECRET).sign(body);

    HttpResponse<String> forged = post(url, body, new ShopSignature("not-the-secret").sign(body));
    assertThat(forged.statusCode()).isEqualTo(401);
    HttpResponse<String> unsigned = post(url, body, null);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE external_id = 'purchase:450789480'"))
        .isZero();

    HttpResponse<String> ok = post(url, body, signature);
    assertThat(ok.statusCode()).isEqualTo(200);
    Map<String, Object> e =
        query(
                "SELECT k.first_name, e.amount, e.discount_codes FROM contact_event e JOIN contact"
                    + " k ON k.id = e.contact_id WHERE e.source = 'shop' AND e.external_id ="
                    + " 'purchase:450789480'")
            .get(0);
    assertThat(e.get("first_name")).isEqualTo("Clara");
    assertThat(e.get("amount").toString()).isEqualTo("25.00");
    assertThat(e.get("discount_codes").toString()).contains("VUELVE5");
    // Shopify resends: still one purchase
    assertThat(post(url, body, signature).statusCode()).isEqualTo(200);
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE external_id = 'purchase:450789480'"))
        .isEqualTo(1);
  }

  @Test
  @Order(5)
  void sync_runs_the_shop_once_by_its_kamelet_name() throws Exception {
    SourceRunner runner =
        camel.getRegistry().lookupByNameAndType("winback-shop-api-source", SourceRunner.class);
    assertThat(runner).isNotNull();
    Map<String, Object> route =
        Map.of(
            "sourceId", "shop", "baseUrl", System.getProperty("shop.it.url"), "accessToken", TOKEN);
    SyncReport r = runner.runOnce(route, SyncProgress.NONE, SyncRun.Scope.CATCH_UP, true);
    assertThat(r.line())
        .matches(
            "sync shop: read 2, new 0, updated \\d+, merged 0, new events 0, rejected 0, fields"
                + " refused 0, [0-9.]+ s");

    // a full re-read walks every page of both listings again: nothing is taken in twice, the bad
    // order is still the one open rejection, and the watermarks stay where the catch-ups left them
    List<Map<String, Object>> watermarks =
        query(
            "SELECT source, watermark FROM source_watermark WHERE source LIKE 'shop:%' ORDER BY"
                + " source");
    long events = count("SELECT COUNT(*) FROM contact_event");
    SyncReport full = runner.runOnce(route, SyncProgress.NONE, SyncRun.Scope.FULL, false);
    assertThat(full.line())
        .matches(
            "sync shop: read 7, new 0, updated 0, merged 0, new events 0, rejected 1, fields"
                + " refused 0, 14\\.3 % of rows refused, [0-9.]+ s");
    assertThat(count("SELECT COUNT(*) FROM contact_event")).isEqualTo(events);
    assertThat(
            count(
                "SELECT COUNT(*) FROM rejected_record WHERE source = 'shop' AND resolved_at IS"
                    + " NULL"))
        .isEqualTo(1);
    assertThat(
            query(
                "SELECT source, watermark FROM source_watermark WHERE source LIKE 'shop:%' ORDER BY"
                    + " source"))
        .isEqualTo(watermarks);
  }

  @Test
  @Order(6)
  void a_shop_that_is_down_shows_in_health_while_the_others_go_on() throws Exception {
    String body = healthOnceItHas("source:dead-shop", 20);
    assertThat(body)
        .contains("{\"name\":\"source:dead-shop\",\"status\":\"DOWN\"")
        .contains("{\"name\":\"source:shop\",\"status\":\"UP\"")
        .doesNotContain(TOKEN);
    assertThat(nextShopReport(r -> true)).isNotNull();
  }

  @Test
  @Order(7)
  void an_order_cancelled_after_it_was_taken_as_a_purchase_stops_counting() throws Exception {
    String purchase =
        "SELECT deleted_at, deleted_reason FROM contact_event WHERE source = 'shop' AND external_id"
            + " = 'purchase:450789469'";
    assertThat(query(purchase).get(0)).containsEntry("deleted_at", null);
    runCycle();
    assertThat(
            query(
                    "SELECT f.purchase_count FROM contact_fact f JOIN contact k ON k.id ="
                        + " f.contact_id WHERE k.email_key = 'ana.alba@example.com'")
                .get(0))
        .containsEntry("purchase_count", 2);

    // the shop cancels #1001 weeks later: the next poll sees it changed, cancelled
    shop.stubFor(
        listing("orders")
            .withQueryParam("updated_at_min", matching(".+"))
            .atPriority(1)
            .willReturn(page("orders-cancelled.json", null)));
    SyncReport cancelled = nextShopReport(r -> r.changes().deleted() > 0);
    assertThat(cancelled.line()).contains(", deleted 1,");
    assertThat(query(purchase).get(0))
        .containsEntry(
            "deleted_reason", "order cancelled in the shop (cancelled_at 2024-10-09T07:30:00Z)");
    runCycle();
    assertThat(
            query(
                    "SELECT f.purchase_count, f.total_spend FROM contact_fact f JOIN contact k ON"
                        + " k.id = f.contact_id WHERE k.email_key = 'ana.alba@example.com'")
                .get(0))
        .containsEntry("purchase_count", 1);
    // read again within the overlap: cancelled once
    assertThat(nextShopReport(r -> r.read() > 0).changes().deleted()).isZero();
  }

  @Test
  @Order(8)
  void cancelled_and_deleted_order_webhooks_withdraw_the_purchase() throws Exception {
    String url = "http://127.0.0.1:" + peers.httpPort + "/webhooks/shop/orders";
    String clara =
        "SELECT deleted_reason FROM contact_event WHERE source = 'shop' AND external_id ="
            + " 'purchase:450789480'";
    assertThat(query(clara).get(0)).containsEntry("deleted_reason", null);
    byte[] cancelled =
        Files.readString(Path.of("src/test/resources/shop/webhook-order.json"))
            .replace("\"cancelled_at\":null", "\"cancelled_at\":\"2024-10-08T10:00:00+02:00\"")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        post(url, cancelled, new ShopSignature(SECRET).sign(cancelled), "orders/cancelled");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("purchase cancelled");
    assertThat(query(clara).get(0))
        .containsEntry(
            "deleted_reason", "order cancelled in the shop (cancelled_at 2024-10-08T08:00:00Z)");

    // orders/delete carries only the id (Shopify's documented payload)
    String purchase =
        "SELECT deleted_reason FROM contact_event WHERE source = 'shop' AND external_id ="
            + " 'purchase:450789473'";
    assertThat(query(purchase).get(0)).containsEntry("deleted_reason", null);
    byte[] deleted = "{\"id\":450789473}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> forged =
        post(url, deleted, new ShopSignature("not-the-secret").sign(deleted), "orders/delete");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(query(purchase).get(0)).containsEntry("deleted_reason", null);
    answer = post(url, deleted, new ShopSignature(SECRET).sign(deleted), "orders/delete");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("purchase deleted");
    assertThat(query(purchase).get(0)).containsEntry("deleted_reason", "order deleted in the shop");
    // Shopify resends: acknowledged, nothing more
    assertThat(post(url, deleted, new ShopSignature(SECRET).sign(deleted), "orders/delete").body())
        .isEqualTo("ok");
  }

  HttpResponse<String> post(String url, byte[] body, String hmac) throws Exception {
    return post(url, body, hmac, "orders/create");
  }

  HttpResponse<String> post(String url, byte[] body, String hmac, String topic) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", topic)
            .header("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
            .header("X-Shopify-Shop-Domain", "tienda.myshopify.com")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (hmac != null) {
      b.header("X-Shopify-Hmac-Sha256", hmac);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
