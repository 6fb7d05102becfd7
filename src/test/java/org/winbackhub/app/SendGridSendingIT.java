package org.winbackhub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The whole hub with {@code hub.email.provider=sendgrid}: journey steps go to SendGrid's v3 Mail
 * Send API, here WireMock answering with the payloads SendGrid documents (each stub names its
 * page), and every answer lands in the ledger as a user of the outbox would expect.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "hub.email.provider=sendgrid",
      "hub.outbox.poll-ms=200",
      "hub.loyalty.poll-ms=200",
      "hub.sendgrid.hold-after-refusal=PT2S",
      "hub.sendgrid.response-timeout-ms=1500",
      "hub.sendgrid.breaker.failure-rate=100",
      "hub.sendgrid.breaker.minimum-calls=2",
      "hub.sendgrid.breaker.window=2",
      "hub.sendgrid.breaker.open-for=PT3S"
    })
class SendGridSendingIT extends HubAppTest {
  static final String KEY = "SG.it-test-key.0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  static WireMockServer sendgrid;

  @BeforeAll
  static void startSendGrid() {
    sendgrid = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    sendgrid.start();
    System.setProperty("hub.sendgrid.base-url", "http://127.0.0.1:" + sendgrid.port());
    System.setProperty("hub.sendgrid.api-key", KEY);
    answer(accepted("it-batch-1"));
  }

  @AfterAll
  static void stopSendGrid() {
    System.clearProperty("hub.sendgrid.base-url");
    System.clearProperty("hub.sendgrid.api-key");
    sendgrid.stop();
  }

  // 202 Accepted, no body; the request's id in X-Message-Id
  // (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send, "202";
  // https://www.twilio.com/docs/sendgrid/glossary/x-message-id)
  static ResponseDefinitionBuilder accepted(String messageId) {
    return aResponse().withStatus(202).withHeader("X-Message-Id", messageId);
  }

  // 4xx and 5xx: {"errors": [{"message", "field", "help"}]}
  // (https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/errors;
  // the examples of the OpenAPI description twilio/sendgrid-oai spec/json/tsg_mail_v3.json)
  static ResponseDefinitionBuilder error(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static void answer(ResponseDefinitionBuilder response) {
    sendgrid.resetMappings();
    sendgrid.stubFor(post(urlEqualTo("/v3/mail/send")).willReturn(response));
  }

  @Test
  @Order(1)
  void a_journey_step_goes_to_sendgrid_as_one_request_with_a_personalization_per_contact()
      throws Exception {
    dropAndWait("export-1.csv", firstExport());
    runCycle();
    long queued = count("SELECT COUNT(*) FROM outbox");
    assertThat(queued).as("the cycle queued the journey's first step").isPositive();
    awaitCount("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'", queued);

    List<LoggedRequest> requests = requests();
    assertThat(requests).isNotEmpty();
    List<String> outboxIds = new ArrayList<>();
    for (LoggedRequest r : requests) {
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(r.getHeader("Content-Type")).startsWith("application/json");
      JsonNode body = JSON.readTree(r.getBodyAsString());
      assertThat(body.at("/from/email").asText()).isEqualTo("hola@tienda.example");
      assertThat(body.at("/from/name").asText()).isEqualTo("Tienda Ejemplo");
      // text before HTML, as SendGrid requires; its own tracking off: the hub tracks
      assertThat(body.at("/content/0/type").asText()).isEqualTo("text/plain");
      assertThat(body.at("/content/1/type").asText()).isEqualTo("text/html");
      assertThat(body.at("/tracking_settings/click_tracking/enable").asBoolean(true)).isFalse();
      assertThat(body.at("/tracking_settings/subscription_tracking/enable").asBoolean(true))
          .isFalse();
      for (JsonNode p : body.get("personalizations")) {
        outboxIds.add(p.at("/custom_args/outbox_id").asText());
        assertThat(p.at("/headers/List-Unsubscribe").asText())
            .startsWith("<" + System.getProperty("hub.public-url") + "/u/");
        assertThat(p.at("/headers/List-Unsubscribe-Post").asText())
            .isEqualTo("List-Unsubscribe=One-Click");
        // the content once, each contact's own values as substitutions: applied, they give the
        // message the hub rendered for that contact, tracked links and all
        String html = body.at("/content/1/value").asText();
        for (var s : (Iterable<Map.Entry<String, JsonNode>>) p.get("substitutions")::fields) {
          html = html.replace(s.getKey(), s.getValue().asText());
        }
        assertThat(html).doesNotContain("%wb").contains("/t/c/");
      }
    }
    assertThat(requests.size()).as("one request for the step's one template").isEqualTo(1);
    assertThat(outboxIds)
        .as("every queued message once, named by its outbox id")
        .hasSize((int) queued)
        .doesNotHaveDuplicates();
    assertThat(query("SELECT DISTINCT provider_message_id FROM outbox"))
        .extracting(r -> r.get("provider_message_id"))
        .containsExactly("it-batch-1");
    assertThat(peers.smtp.getReceivedMessages()).as("SMTP is not the provider").isEmpty();
  }

  @Test
  @Order(2)
  void a_400_naming_one_personalization_fails_that_message_and_sends_the_others() throws Exception {
    // an invalid address (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/errors,
    // "personalizations.to"): SendGrid refuses the whole request and names the personalization
    sendgrid.resetMappings();
    sendgrid.stubFor(
        post(urlEqualTo("/v3/mail/send"))
            .inScenario("400")
            .willSetStateTo("fixed")
            .willReturn(
                error(
                    400,
                    "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":"
                        + "\"personalizations.1.to.0.email\",\"help\":\"http://sendgrid.com/docs/"
                        + "API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to\"}]}")));
    sendgrid.stubFor(
        post(urlEqualTo("/v3/mail/send"))
            .inScenario("400")
            .whenScenarioStateIs("fixed")
            .willReturn(accepted("it-batch-2")));
    sendgrid.resetRequests();
    queueAll("bad", "ana2@example.com", "bad@example.com", "cid@example.com");

    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'bad-%' AND status IN ('SENT',"
            + " 'FAILED')",
        3);
    assertThat(row("bad-1"))
        .containsEntry("status", "FAILED")
        .satisfies(
            r ->
                assertThat(r.get("last_error").toString())
                    .contains("Does not contain a valid address"));
    assertThat(row("bad-0")).containsEntry("status", "SENT");
    assertThat(row("bad-2")).containsEntry("status", "SENT");
    List<LoggedRequest> requests = requests();
    assertThat(requests).hasSize(2);
    assertThat(JSON.readTree(requests.get(1).getBodyAsString()).get("personalizations"))
        .as("sent again without the refused one")
        .hasSize(2);
  }

  @Test
  @Order(3)
  void refused_credentials_send_nothing_hold_the_messages_and_spend_no_attempts() throws Exception {
    // 401 (tsg_mail_v3.json, PostMailSend401)
    answer(
        error(401, "{\"errors\":[{\"message\":\"authorization required\",\"field\":\"null\"}]}"));
    sendgrid.resetRequests();
    queueAll("key", "dora@example.com", "eli@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'key-%' AND status = 'PENDING' AND"
            + " last_error LIKE '%authorization required%'",
        2);
    assertThat(
            count(
                "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'key-%' AND status ="
                    + " 'FAILED'"))
        .isZero();
    // SendGrid is left alone for the hold (2 s here): a few polls later still one request
    awaitPolls(4);
    assertThat(requests()).hasSize(1);

    // the key is fixed: after the hold they go
    answer(accepted("it-batch-3"));
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'key-%' AND status = 'SENT'", 2);
  }

  @Test
  @Order(4)
  void a_413_splits_the_batch_and_every_message_still_goes_once() throws Exception {
    // 413 (tsg_mail_v3.json, PostMailSend413), then accepted at half the size
    sendgrid.resetMappings();
    sendgrid.stubFor(
        post(urlEqualTo("/v3/mail/send"))
            .inScenario("413")
            .willSetStateTo("smaller")
            .willReturn(
                error(
                    413, "{\"errors\":[{\"message\":\"content too large\",\"field\":\"null\"}]}")));
    sendgrid.stubFor(
        post(urlEqualTo("/v3/mail/send"))
            .inScenario("413")
            .whenScenarioStateIs("smaller")
            .willReturn(accepted("it-batch-4")));
    sendgrid.resetRequests();
    queueAll("big", "f1@example.com", "f2@example.com", "f3@example.com", "f4@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'big-%' AND status = 'SENT'", 4);
    List<LoggedRequest> requests = requests();
    assertThat(JSON.readTree(requests.get(0).getBodyAsString()).get("personalizations")).hasSize(4);
    List<String> sent = new ArrayList<>();
    for (LoggedRequest r : requests.subList(1, requests.size())) {
      JsonNode ps = JSON.readTree(r.getBodyAsString()).get("personalizations");
      assertThat(ps.size()).isLessThanOrEqualTo(2);
      ps.forEach(p -> sent.add(p.at("/to/0/email").asText()));
    }
    assertThat(sent)
        .containsExactlyInAnyOrder(
            "f1@example.com", "f2@example.com", "f3@example.com", "f4@example.com");
  }

  @Test
  @Order(5)
  void a_429_waits_until_the_rate_limit_resets() throws Exception {
    // 429 with X-RateLimit-Reset in epoch seconds
    // (https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/rate-limits)
    long reset = Instant.now().plusSeconds(3).getEpochSecond();
    sendgrid.resetMappings();
    sendgrid.stubFor(
        post(urlEqualTo("/v3/mail/send"))
            .inScenario("429")
            .willSetStateTo("reset")
            .willReturn(
                error(429, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}")
                    .withHeader("X-RateLimit-Limit", "150")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", String.valueOf(reset))));
    sendgrid.stubFor(
        post(urlEqualTo("/v3/mail/send"))
            .inScenario("429")
            .whenScenarioStateIs("reset")
            .willReturn(accepted("it-batch-5")));
    sendgrid.resetRequests();
    queueAll("busy", "gil@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'busy-0' AND status = 'SENT'", 1);
    List<LoggedRequest> requests = requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).getLoggedDate().toInstant())
        .as("not asked again before the reset")
        .isAfterOrEqualTo(Instant.ofEpochSecond(reset));
  }

  @Test
  @Order(6)
  void an_open_breaker_sends_nothing_keeps_messages_pending_and_closes_again() throws Exception {
    // 500 (tsg_mail_v3.json, PostMailSend500)
    answer(error(500, "{\"errors\":[{\"message\":\"internal server error\"}]}"));
    sendgrid.resetRequests();
    queueAll("down", "hal@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'down-0' AND status = 'PENDING' AND"
            + " attempts = 1",
        1);
    assertThat(row("down-0").get("last_error").toString()).contains("internal server error");
    execute(
        "UPDATE outbox SET not_before = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE"
            + " idempotency_key = 'down-0'");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'down-0' AND status = 'PENDING' AND"
            + " attempts = 2",
        1);
    CircuitBreaker breaker =
        camel.getRegistry().lookupByNameAndType("sendGridBreaker", CircuitBreaker.class);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int asked = requests().size();

    // while it is open: due messages are not even claimed, and SendGrid hears nothing
    queueAll("wait", "ines2@example.com");
    execute(
        "UPDATE outbox SET not_before = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE"
            + " idempotency_key = 'down-0'");
    awaitPolls(4);
    assertThat(requests()).hasSize(asked);
    assertThat(row("wait-0")).containsEntry("status", "PENDING").containsEntry("attempts", 0);
    assertThat(row("down-0")).containsEntry("status", "PENDING").containsEntry("attempts", 2);
    assertThat(health())
        .as("operators see why mail waits; the hub stays up for its links and webhooks")
        .startsWith("{\"status\":\"UP\"")
        .contains("DEGRADED: sendgrid circuit breaker open");

    // SendGrid is back: after open-for one call goes through, and its success closes the breaker
    answer(accepted("it-batch-6"));
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key IN ('down-0', 'wait-0') AND status ="
            + " 'SENT'",
        2);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  @Order(7)
  void no_answer_after_the_request_went_leaves_the_messages_uncertain_and_never_resends_them()
      throws Exception {
    answer(accepted("it-batch-7").withFixedDelay(4000));
    sendgrid.resetRequests();
    queueAll("slow", "juan2@example.com", "kiko@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'slow-%' AND status = 'UNCERTAIN'",
        2);
    assertThat(row("slow-0").get("last_error").toString()).contains("maybe sent");
    execute(
        "UPDATE outbox SET not_before = CURRENT_TIMESTAMP - INTERVAL '1' DAY WHERE idempotency_key"
            + " LIKE 'slow-%'");
    answer(accepted("it-batch-8"));
    awaitPolls(5);
    assertThat(requests()).as("never sent again by itself").hasSize(1);
    assertThat(row("slow-0")).containsEntry("status", "UNCERTAIN");
  }

  private List<LoggedRequest> requests() {
    return sendgrid.findAll(postRequestedFor(urlEqualTo("/v3/mail/send")));
  }

  /** Contacts, then their messages in one statement: one claim takes them all. */
  private void queueAll(String prefix, String... emails) throws Exception {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < emails.length; i++) {
      execute(
          "INSERT INTO contact (email, first_name, email_consent, created_at, updated_at) VALUES ('"
              + emails[i]
              + "', 'Test"
              + i
              + "', 'GRANTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      values
          .append(i == 0 ? "" : " UNION ALL ")
          .append("SELECT '")
          .append(prefix)
          .append('-')
          .append(i)
          .append("' AS k, '")
          .append(emails[i])
          .append("' AS e, ")
          .append(i)
          .append(" AS n");
    }
    execute(
        "INSERT INTO outbox (idempotency_key, contact_id, channel, recipient, template, subject,"
            + " status, not_before, created_at) SELECT v.k, c.id, 'email', c.email,"
            + " 'email/we-fixed-it', 'Hola', 'PENDING', CURRENT_TIMESTAMP - INTERVAL '1' MINUTE"
            + " + v.n * INTERVAL '1' SECOND, CURRENT_TIMESTAMP FROM ("
            + values
            + ") v JOIN contact c ON c.email = v.e");
  }

  private Map<String, Object> row(String key) throws Exception {
    return query(
            "SELECT status, attempts, last_error, provider_message_id FROM outbox WHERE"
                + " idempotency_key = '"
                + key
                + "'")
        .get(0);
  }

  private void awaitPolls(int n) {
    NotifyBuilder polls =
        new NotifyBuilder(camel).fromRoute("channel-email-sendgrid").whenDone(n).create();
    assertThat(polls.matches(20, TimeUnit.SECONDS)).as("%d outbox polls", n).isTrue();
  }
}
