package org.winbackhub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SMS through a Kannel gateway's SMS push, chosen by configuration only (hub.sms.provider = kannel
 * and the hub.sms.kannel.* keys), against WireMock answering as Kannel's user's guide documents
 * ("Using the HTTP interface to send SMS messages": {@code GET /cgi-bin/sendsms} with username,
 * password, from, to, text, charset, coding, dlr-mask, dlr-url; "SMS Push reply codes": 202 "0:
 * Accepted for delivery", 202 "3: Queued for later delivery", 4xx for a request that can never be
 * delivered, 503 "Temporal failure, try again later."), with the bodies Kannel's smsbox writes
 * (gw/smsbox.c: 403 "Not routable. Do not try again.").
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
      "hub.sms.provider=kannel",
      "hub.sms.from=Tienda",
      "hub.sms.kannel.base-url={{sms.it.url}}",
      "hub.sms.kannel.username=winback",
      "hub.sms.kannel.password=" + SmsKannelIT.PASSWORD
    })
class SmsKannelIT extends SmsAppTest {
  static final String PASSWORD = "kannel-it-p4ss&word";

  static MappingBuilder sendsmsTo(String phone) {
    return WireMock.get(urlPathEqualTo("/cgi-bin/sendsms")).withQueryParam("to", equalTo(phone));
  }

  static ResponseDefinitionBuilder kannel(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body);
  }

  @Test
  @Order(1)
  void a_journey_step_goes_to_kannel_with_its_documented_query_and_a_signed_report_url()
      throws Exception {
    provider.stubFor(sendsmsTo("+34622000001").willReturn(kannel(202, "0: Accepted for delivery")));

    journeyStepFor("+34622000001");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE journey_id = 'winback-sms' AND status = 'SENT'", 1);

    List<LoggedRequest> sent = requestsWith("+34622000001");
    assertThat(sent).hasSize(1);
    Map<String, String> q = fields(URI.create(sent.get(0).getUrl()).getRawQuery());
    assertThat(q)
        .containsEntry("username", "winback")
        .containsEntry("password", PASSWORD)
        .containsEntry("from", "Tienda")
        .containsEntry("to", "+34622000001")
        .containsEntry("charset", "UTF-8")
        .as("the ó of 'próxima' is not in the GSM 7-bit alphabet: UCS-2")
        .containsEntry("coding", "2")
        .containsEntry("dlr-mask", "31");
    assertThat(q.get("text")).startsWith("Hola Lucía, te echamos de menos.\n10% en tu próxima");
    shortCode(q.get("text"));
    assertThat(q.get("dlr-url"))
        .startsWith("http://127.0.0.1:" + peers.httpPort + "/webhooks/kannel/dlr?t=")
        .endsWith("&type=%d&reply=%A&smsc-id=%F&at=%T");
    // Kannel gives no message id: the row keeps its own key
    assertThat(
            query(
                "SELECT provider_message_id FROM outbox WHERE journey_id = 'winback-sms' AND"
                    + " provider_message_id = idempotency_key"))
        .hasSize(1);
  }

  @Test
  @Order(2)
  void a_temporal_failure_waits_and_a_message_queued_for_later_delivery_counts_as_sent()
      throws Exception {
    provider.stubFor(
        sendsmsTo("+34622000002")
            .inScenario("temporal")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("back")
            .willReturn(kannel(503, "Temporal failure, try again later.")));
    provider.stubFor(
        sendsmsTo("+34622000002")
            .inScenario("temporal")
            .whenScenarioStateIs("back")
            .willReturn(kannel(202, "3: Queued for later delivery")));
    queue("kannel-temporal", "+34622000002", "sms/plain");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'kannel-temporal' AND status ="
            + " 'PENDING' AND attempts = 1",
        1);
    assertThat(String.valueOf(row("kannel-temporal").get("last_error")))
        .contains("kannel 503: Temporal failure, try again later.");
    awaitPolls(3);
    assertThat(requestsWith("+34622000002")).as("not before its backoff").hasSize(1);

    dueNow("kannel-temporal");
    awaitStatus("kannel-temporal", "SENT");
    Map<String, String> q =
        fields(URI.create(requestsWith("+34622000002").get(1).getUrl()).getRawQuery());
    assertThat(q).as("all GSM 7-bit").containsEntry("coding", "0");
  }

  @Test
  @Order(3)
  void a_number_kannel_cannot_route_fails_for_good() throws Exception {
    provider.stubFor(
        sendsmsTo("+34622000003").willReturn(kannel(403, "Not routable. Do not try again.")));
    queue("kannel-unroutable", "+34622000003", "sms/plain");
    awaitStatus("kannel-unroutable", "FAILED");
    assertThat(row("kannel-unroutable"))
        .containsEntry("attempts", 1)
        .satisfies(
            r ->
                assertThat(String.valueOf(r.get("last_error")))
                    .isEqualTo("kannel 403: Not routable. Do not try again."));
    assertNeverSentAgain("kannel-unroutable", "+34622000003", "FAILED");
  }

  @Test
  @Order(4)
  void a_connection_broken_after_the_request_is_uncertain_and_the_get_is_never_repeated()
      throws Exception {
    provider.stubFor(
        sendsmsTo("+34622000004")
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    queue("kannel-reset", "+34622000004", "sms/plain");
    awaitStatus("kannel-reset", "UNCERTAIN");
    // a GET that broke is not sent again, neither by the HTTP client nor by the hub
    assertNeverSentAgain("kannel-reset", "+34622000004", "UNCERTAIN");
  }
}
