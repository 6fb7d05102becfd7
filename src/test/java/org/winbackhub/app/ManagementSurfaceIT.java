package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.winbackhub.testing.HubPeers;
import org.winbackhub.testing.PackagedJar;
import org.winbackhub.testing.RunningHub;

/**
 * The hub as a hostile caller and a careless operator meet it: the packaged jar started with known
 * secret values, a shop source that keeps failing, and calls to every management endpoint. No
 * secret appears in the log or in any endpoint; the admin token counts only as a header; Jolokia
 * answers what Hawtio asks and refuses everything else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementSurfaceIT {
  static final Map<String, String> SECRETS =
      Map.of(
          "HUB_STORE_PASSWORD", "store-pw-5f1c9a",
          "HUB_SMTP_PASSWORD", "smtp-pw-77ab21",
          "HUB_TRACKING_SECRET", "tracking-secret-0b8e4d2c9f1a7e3b5d6c",
          "HUB_ADMIN_TOKEN", "admin-token-4e2a9c7b1d",
          "HUB_SHOP_ACCESS_TOKEN", "shpat_token_93be0a",
          "HUB_SHOP_WEBHOOK_SECRET", "webhook-secret-c41d8e",
          "HUB_PROVIDER_SIGNING_KEY", "provider-key-a9f03b");
  static final ObjectMapper JSON = new ObjectMapper();

  Path hub;
  RunningHub run;
  String jolokia;

  @BeforeAll
  void start() throws Exception {
    hub = Files.createTempDirectory("winback-surface-");
    PackagedJar.copyHubFolder(hub);
    // as an operator adds a shop and a future provider: secrets by reference to the environment,
    // and
    // the webhook secret only in the environment (HUB_SHOP_WEBHOOK_SECRET), as the README says
    Files.writeString(
        hub.resolve("config/application.properties"),
        String.join(
            "\n",
            "",
            "hub.shop.access-token = {{env:HUB_SHOP_ACCESS_TOKEN}}",
            "hub.provider.signing-key = {{env:HUB_PROVIDER_SIGNING_KEY}}",
            ""),
        StandardOpenOption.APPEND);
    Files.writeString(
        hub.resolve("routes/sources/shop.camel.yaml"),
        String.join(
            "\n",
            "- route:",
            "    id: source-shop",
            "    from:",
            "      uri: \"kamelet:winback-shop-api-source\"",
            "      parameters:",
            "        sourceId: shop",
            "        baseUrl: \"http://127.0.0.1:" + HubPeers.freePort() + "\"",
            "        accessToken: \"{{hub.shop.access-token}}\"",
            "        schedule: \"0/2 * * * * ?\"",
            "      steps:",
            "        - log: \"${body.line}\"",
            "- route:",
            "    id: provider-probe",
            "    from:",
            "      uri: \"direct:provider-probe\"",
            "      steps:",
            "        - setHeader:",
            "            name: X-Signing-Key",
            "            constant: \"{{hub.provider.signing-key}}\"",
            ""));
    Map<String, String> env = new HashMap<>(SECRETS);
    env.put("HUB_SOURCES_RETRY_BACKOFF_MS", "100");
    // the Camel CLI's status file (properties, health, routes) under a home of the test's own
    env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + hub.resolve("home"));
    run = RunningHub.start(hub, env);
    // the shop source fails on purpose, so overall health is DOWN as soon as it has tried once
    assertThat(run.awaitHealth("{\"name\":\"context\",\"status\":\"UP\"}", 60))
        .as("comes up")
        .isNotNull();
    jolokia = "http://127.0.0.1:" + run.managementPort + "/observe/jolokia";
  }

  @AfterAll
  void stop() throws Exception {
    run.close();
  }

  @Test
  void no_secret_appears_in_the_log_or_any_management_endpoint() throws Exception {
    // errors to log: a failing shop source (until health says so), forged webhooks, wrong tokens
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!health().contains("{\"name\":\"source:shop\",\"status\":\"DOWN\"")
        && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(health()).contains("{\"name\":\"source:shop\",\"status\":\"DOWN\"");
    String app = "http://127.0.0.1:" + run.httpPort;
    assertThat(
            run.post(
                    app + "/webhooks/shop/orders",
                    "{}",
                    Map.of("X-Shopify-Hmac-Sha256", "Zm9yZ2Vk"))
                .statusCode())
        .isEqualTo(401);
    assertThat(
            run.get(
                    app + "/admin/contacts/1/explain",
                    Map.of("Authorization", "Bearer wrong-token-000000"))
                .statusCode())
        .isEqualTo(401);

    List<String> seen = new ArrayList<>();
    seen.add(run.log());
    seen.add(health());
    seen.add(
        run.get("http://127.0.0.1:" + run.managementPort + "/observe/metrics", Map.of()).body());
    seen.add(jolokia("{\"type\":\"list\",\"config\":{\"ignoreErrors\":true}}").toString());
    for (JsonNode name : jolokia("{\"type\":\"search\",\"mbean\":\"*:*\"}").get("value")) {
      seen.add(
          jolokia(
                  "{\"type\":\"read\",\"mbean\":"
                      + JSON.writeValueAsString(name.asText())
                      + ",\"config\":{\"ignoreErrors\":true}}")
              .toString());
    }
    String context = contextName();
    for (String op :
        new String[] {
          "dumpRoutesAsXml()",
          "dumpRoutesStatsAsXml(boolean,boolean)\",\"arguments\":[true,true]",
          "dumpRestsAsXml()",
          "dumpRouteTemplatesAsXml()",
          "dumpStepStatsAsXml(boolean)\",\"arguments\":[true]"
        }) {
      seen.add(
          jolokia(
                  "{\"type\":\"exec\",\"mbean\":"
                      + JSON.writeValueAsString(context)
                      + ",\"operation\":\""
                      + op
                      + "}")
              .toString());
    }
    assertThat(seen.size()).as("every MBean read").isGreaterThan(50);
    // what camel ps, camel get and camel get properties read: the connector's status file,
    // rewritten every second (read again until it is whole)
    Path status;
    try (Stream<Path> files = Files.list(hub.resolve("home/.camel"))) {
      status =
          files
              .filter(f -> f.getFileName().toString().endsWith("-status.json"))
              .findFirst()
              .orElseThrow();
    }
    String cli = Files.readString(status);
    for (int i = 0; i < 40 && !cli.contains("\"hub.shop.access-token\""); i++) {
      Thread.sleep(250);
      cli = Files.readString(status);
    }
    assertThat(cli).contains("\"hub.shop.access-token\"").contains("xxxxxx");
    seen.add(cli);
    for (String text : seen) {
      for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
        assertThat(text).as(secret.getKey()).doesNotContain(secret.getValue());
      }
    }
    assertThat(run.log())
        .contains("hub.shop.webhook-secret = xxxxxx")
        .contains("hub.provider.signing-key = xxxxxx")
        .contains("hub.tracking.secret = xxxxxx")
        .contains("sync shop failed");
  }

  @Test
  void the_admin_token_counts_only_as_the_authorization_header() throws Exception {
    String url = "http://127.0.0.1:" + run.httpPort + "/admin/contacts/nobody@example.org/explain";
    String token = SECRETS.get("HUB_ADMIN_TOKEN");
    HttpResponse<String> inQuery = run.get(url + "?Authorization=Bearer%20" + token, Map.of());
    assertThat(inQuery.statusCode()).isEqualTo(401);
    HttpResponse<String> asHeader = run.get(url, Map.of("Authorization", "Bearer " + token));
    assertThat(asHeader.statusCode()).as("the token passes; nobody by that name").isEqualTo(404);
    assertThat(asHeader.body()).contains("no classified contact");
  }

  @Test
  void jolokia_answers_what_hawtio_asks() throws Exception {
    assertThat(run.get(jolokia + "/version", Map.of()).statusCode()).isEqualTo(200);
    JsonNode list =
        jolokia(
            "{\"type\":\"list\",\"config\":{\"maxDepth\":9,\"ignoreErrors\":true,\"canonicalNaming\":false}}");
    assertThat(list.get("status").asInt()).isEqualTo(200);
    List<String> domains = new ArrayList<>();
    list.get("value").fieldNames().forEachRemaining(domains::add);
    assertThat(domains)
        .contains("org.apache.camel")
        .doesNotContain("JMImplementation", "com.sun.management", "jolokia", "quartz");
    String context = contextName();
    JsonNode read =
        jolokia("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(context) + "}");
    assertThat(read.get("value").get("State").asText()).isEqualTo("Started");
    JsonNode routes =
        jolokia(
            "{\"type\":\"exec\",\"mbean\":"
                + JSON.writeValueAsString(context)
                + ",\"operation\":\"dumpRoutesAsXml()\"}");
    assertThat(routes.get("value").asText()).contains("<route id=\"feedback-click\"");
    JsonNode stats =
        jolokia(
            "{\"type\":\"exec\",\"mbean\":"
                + JSON.writeValueAsString(context)
                + ",\"operation\":\"dumpRoutesStatsAsXml(boolean,boolean)\",\"arguments\":[true,true]}");
    assertThat(stats.get("value").asText()).contains("<routeStat");
    JsonNode memory =
        jolokia(
            "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}");
    assertThat(memory.get("status").asInt()).isEqualTo(200);
  }

  @Test
  void jolokia_refuses_state_changes_system_properties_foreign_pages_and_names() throws Exception {
    String context = JSON.writeValueAsString(contextName());
    String route =
        JSON.writeValueAsString(
            jolokia(
                    "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\"feedback-click\\\",*\"}")
                .get("value")
                .get(0)
                .asText());
    for (String refused :
        new String[] {
          "{\"type\":\"exec\",\"mbean\":" + route + ",\"operation\":\"stop()\"}",
          "{\"type\":\"exec\",\"mbean\":" + context + ",\"operation\":\"suspend()\"}",
          "{\"type\":\"exec\",\"mbean\":" + route + ",\"operation\":\"remove()\"}",
          "{\"type\":\"write\",\"mbean\":" + route + ",\"attribute\":\"Tracing\",\"value\":true}",
          "{\"type\":\"exec\",\"mbean\":"
              + context
              + ",\"operation\":\"dumpRoutesAsXml(boolean)\",\"arguments\":[true]}",
          "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}",
          "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"}",
          "{\"type\":\"read\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\"}"
        }) {
      assertThat(jolokia(refused).get("status").asInt()).as(refused).isEqualTo(403);
    }
    assertThat(health()).contains("{\"name\":\"route:feedback-click\",\"status\":\"UP\"}");

    HttpResponse<String> foreignPage =
        run.get(jolokia + "/version", Map.of("Origin", "http://evil.example"));
    assertThat(foreignPage.statusCode()).isEqualTo(403);
    assertThat(foreignPage.body())
        .contains("Origin 'http://evil.example' is not one of hub.management.allowed-hosts");
    assertThat(
            run.post(jolokia, "{\"type\":\"version\"}", Map.of("Origin", "http://evil.example"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            run.get(jolokia + "/version", Map.of("Origin", "http://localhost:8090")).statusCode())
        .isEqualTo(200);
    assertThat(statusWithHost("evil.example:" + run.managementPort)).isEqualTo(403);
    assertThat(statusWithHost("localhost:" + run.managementPort)).isEqualTo(200);
  }

  private String contextName() throws Exception {
    return jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}")
        .get("value")
        .get(0)
        .asText();
  }

  private String health() throws Exception {
    return run.get(
            "http://127.0.0.1:" + run.managementPort + "/observe/health?exposureLevel=full",
            Map.of())
        .body();
  }

  private JsonNode jolokia(String request) throws Exception {
    return JSON.readTree(
        run.post(jolokia, request, Map.of("Content-Type", "application/json")).body());
  }

  /** A request with a Host header of our choosing (Java's HTTP client does not let one set it). */
  private int statusWithHost(String host) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), run.managementPort)) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /observe/jolokia/version HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }
}
