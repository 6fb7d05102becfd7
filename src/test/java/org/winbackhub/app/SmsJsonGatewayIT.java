package org.winbackhub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SMS through a generic JSON HTTP gateway, chosen by configuration only (hub.sms.provider =
 * http-json and the hub.sms.http-json.* keys): the URL, the authentication header and where the
 * answer keeps the message id are the configuration's.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "hub.outbox.poll-ms=200",
      "hub.loyalty.poll-ms=200",
      "hub.sms.provider=http-json",
      "hub.sms.from=+34600000001",
      "hub.sms.http-json.url={{sms.it.url}}/v1/messages",
      "hub.sms.http-json.auth-header=X-Api-Key",
      "hub.sms.http-json.auth-token=" + SmsJsonGatewayIT.KEY,
      "hub.sms.http-json.message-id-pointer=/messages/0/id"
    })
class SmsJsonGatewayIT extends SmsAppTest {
  static final String KEY = "gw-it-key-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Order(1)
  void a_journey_step_is_posted_as_json_and_records_the_id_at_the_configured_pointer()
      throws Exception {
    provider.stubFor(
        post(urlPathEqualTo("/v1/messages"))
            .withRequestBody(containing("+34632000001"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"messages\": [{\"id\": \"gw-7f3a\", \"status\": \"accepted\"}]}")));

    journeyStepFor("+34632000001");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE journey_id = 'winback-sms' AND status = 'SENT' AND"
            + " provider_message_id = 'gw-7f3a'",
        1);

    List<LoggedRequest> sent = requestsWith("+34632000001");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getHeader("X-Api-Key")).isEqualTo(KEY);
    assertThat(sent.get(0).getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(sent.get(0).getBodyAsString());
    assertThat(body.path("to").asText()).isEqualTo("+34632000001");
    assertThat(body.path("from").asText()).isEqualTo("+34600000001");
    assertThat(body.path("text").asText()).startsWith("Hola Lucía, te echamos de menos.");
    shortCode(body.path("text").asText());
    String key =
        (String)
            query("SELECT idempotency_key FROM outbox WHERE journey_id = 'winback-sms'")
                .get(0)
                .get("idempotency_key");
    assertThat(body.path("reference").asText()).isEqualTo(key);
  }

  @Test
  @Order(2)
  void a_gateway_timeout_504_is_uncertain_and_never_sent_again() throws Exception {
    provider.stubFor(
        post(urlPathEqualTo("/v1/messages"))
            .withRequestBody(containing("+34632000002"))
            .willReturn(aResponse().withStatus(504).withBody("upstream timed out")));
    queue("gw-504", "+34632000002", "sms/plain");
    awaitStatus("gw-504", "UNCERTAIN");
    assertNeverSentAgain("gw-504", "+34632000002", "UNCERTAIN");
  }
}
