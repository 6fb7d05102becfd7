package org.winbackhub.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SMS through Twilio's Messages API, chosen by configuration only (hub.sms.provider = twilio and
 * the hub.sms.twilio.* keys), against WireMock answering with Twilio's documented requests and
 * answers: the Messages resource (https://www.twilio.com/docs/messaging/api/message-resource:
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}, form fields To, From, Body,
 * StatusCallback, basic authentication with the account SID and auth token; {@code 201 Created}
 * with the Message resource, whose {@code sid} starts with SM) and Twilio's JSON errors
 * (https://www.twilio.com/docs/usage/twilios-response: {@code code}, {@code message}, {@code
 * more_info}, {@code status}; 21211 an invalid 'To' number,
 * https://www.twilio.com/docs/errors/21211; 20429 too many requests, "never processed and always
 * safe to retry", https://www.twilio.com/docs/errors/20429).
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
      "hub.sms.provider=twilio",
      "hub.sms.from=+34600000001",
      "hub.sms.read-timeout=PT1S",
      "hub.sms.twilio.base-url={{sms.it.url}}",
      "hub.sms.twilio.account-sid=" + SmsTwilioIT.SID,
      "hub.sms.twilio.auth-token=" + SmsTwilioIT.TOKEN
    })
class SmsTwilioIT extends SmsAppTest {
  static final String SID = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
  static final String TOKEN = "your_auth_token_0123456789abcdef";
  static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

  /** Twilio's 201 Created: the Message resource as its docs show it. */
  static ResponseDefinitionBuilder created(String sid, String to) {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"account_sid": "%s", "api_version": "2010-04-01", "body": "Hola",
             "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": null,
             "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000", "direction": "outbound-api",
             "error_code": null, "error_message": null, "from": "+34600000001",
             "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD",
             "messaging_service_sid": null, "sid": "%s", "status": "queued",
             "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/%s/Media.json"},
             "to": "%s", "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}
            """
                .formatted(SID, sid, SID, sid, to, SID, sid));
  }

  /** Twilio's JSON error. */
  static ResponseDefinitionBuilder error(int status, int code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d",
             "status": %d}
            """
                .formatted(code, message, code, status));
  }

  static MappingBuilder messageTo(String phone) {
    return post(urlPathEqualTo(MESSAGES))
        .withRequestBody(containing("To=" + phone.replace("+", "%2B")));
  }

  @Test
  @Order(1)
  void a_journey_step_goes_to_twilio_as_its_documented_form_and_records_the_message_sid()
      throws Exception {
    provider.stubFor(
        messageTo("+34612000001")
            .willReturn(created("SM1f0e8ae6ade43cb3c0ce4525424e404f", "+34612000001")));

    journeyStepFor("+34612000001");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE journey_id = 'winback-sms' AND status = 'SENT' AND"
            + " provider_message_id = 'SM1f0e8ae6ade43cb3c0ce4525424e404f'",
        1);

    List<LoggedRequest> sent = requestsWith("+34612000001");
    assertThat(sent).hasSize(1);
    LoggedRequest request = sent.get(0);
    assertThat(request.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    Map<String, String> form = fields(request.getBodyAsString());
    assertThat(form).containsEntry("To", "+34612000001").containsEntry("From", "+34600000001");
    assertThat(form.get("Body"))
        .startsWith(
            "Hola Lucía, te echamos de menos.\n10% en tu próxima compra: http://127.0.0.1:");
    assertThat(form.get("StatusCallback"))
        .startsWith("http://127.0.0.1:" + peers.httpPort + "/webhooks/twilio/status?t=");
    assertThat(query("SELECT type FROM contact_event WHERE type = 'sms_sent'")).hasSize(1);

    // the short link leads to the stored target, once recorded as the contact's click
    String code = shortCode(form.get("Body"));
    HttpResponse<String> click = get("http://127.0.0.1:" + peers.httpPort + "/s/" + code);
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location"))
        .hasValue("https://shop.example.com/offers/welcome-back");
    get("http://127.0.0.1:" + peers.httpPort + "/s/" + code);
    assertThat(
            query(
                "SELECT e.type FROM contact_event e JOIN outbox o ON o.contact_id = e.contact_id"
                    + " WHERE o.journey_id = 'winback-sms' AND e.type = 'sms_clicked'"))
        .as("one click per message and link")
        .hasSize(1);
    assertThat(
            query(
                "SELECT target_url FROM short_link s JOIN outbox o ON o.id = s.outbox_id WHERE"
                    + " s.code = '"
                    + code
                    + "' AND s.link = 'offer'"))
        .hasSize(1);
  }

  @Test
  @Order(2)
  void a_short_link_code_that_is_not_stored_gets_a_404_and_never_a_redirect() throws Exception {
    for (String path :
        List.of(
            "/s/Zz9Zz9Zz",
            "/s/abc",
            "/s/https%3A%2F%2Fevil.example",
            "/s/Zz9Zz9Zz?target=https://evil.example")) {
      HttpResponse<String> answer = get("http://127.0.0.1:" + peers.httpPort + path);
      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.headers().firstValue("Location")).as(path).isEmpty();
      assertThat(answer.body()).isEqualTo("This link is not valid.");
    }
  }

  @Test
  @Order(3)
  void an_invalid_number_refused_with_21211_fails_for_good_without_a_retry() throws Exception {
    provider.stubFor(
        messageTo("+34612000002")
            .willReturn(
                error(400, 21211, "The 'To' number +34612000002 is not a valid phone number.")));
    queue("sms-invalid", "+34612000002", "sms/plain");
    awaitStatus("sms-invalid", "FAILED");
    assertThat(row("sms-invalid"))
        .containsEntry("attempts", 1)
        .satisfies(
            r -> assertThat(String.valueOf(r.get("last_error"))).contains("twilio 400 21211"))
        .satisfies(
            r ->
                assertThat(String.valueOf(r.get("last_error")))
                    .as("no number in the reason")
                    .doesNotContain("34612000002"));

    assertNeverSentAgain("sms-invalid", "+34612000002", "FAILED");
  }

  @Test
  @Order(4)
  void a_429_waits_its_backoff_and_is_then_sent() throws Exception {
    provider.stubFor(
        messageTo("+34612000003")
            .inScenario("429")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("calm")
            .willReturn(error(429, 20429, "Too Many Requests")));
    provider.stubFor(
        messageTo("+34612000003")
            .inScenario("429")
            .whenScenarioStateIs("calm")
            .willReturn(created("SM00000000000000000000000000000429", "+34612000003")));
    retriedThenSent("sms-429", "+34612000003", "twilio 429 20429");
  }

  @Test
  @Order(5)
  void a_503_waits_its_backoff_and_is_then_sent() throws Exception {
    provider.stubFor(
        messageTo("+34612000004")
            .inScenario("503")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("up")
            .willReturn(error(503, 20500, "Service Unavailable").withHeader("Retry-After", "120")));
    provider.stubFor(
        messageTo("+34612000004")
            .inScenario("503")
            .whenScenarioStateIs("up")
            .willReturn(created("SM00000000000000000000000000000503", "+34612000004")));
    Duration waited = retriedThenSent("sms-503", "+34612000004", "twilio 503");
    assertThat(waited)
        .as("the answer's Retry-After (120 s), longer than the first backoff (30 s)")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(119));
  }

  @Test
  @Order(6)
  void a_timeout_after_the_request_was_sent_is_uncertain_and_never_sent_again() throws Exception {
    provider.stubFor(
        messageTo("+34612000005")
            .willReturn(
                created("SM00000000000000000000000000000005", "+34612000005")
                    .withFixedDelay(3_000)));
    queue("sms-timeout", "+34612000005", "sms/plain");
    awaitStatus("sms-timeout", "UNCERTAIN");
    assertThat(String.valueOf(row("sms-timeout").get("last_error"))).contains("maybe sent");

    assertNeverSentAgain("sms-timeout", "+34612000005", "UNCERTAIN");
  }

  @Test
  @Order(7)
  void suppressed_and_opted_out_numbers_never_reach_the_provider() throws Exception {
    provider.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .atPriority(9)
            .willReturn(created("SM00000000000000000000000000000009", "+34600000000")));
    assertSuppressedNeverHandedOver("sms", "+34612000006", "+34612000007", "+34612000008");
  }

  @Test
  @Order(8)
  void a_message_over_the_maximum_of_segments_fails_without_reaching_the_provider()
      throws Exception {
    queue("sms-long", "+34612000009", "sms/too-long");
    awaitStatus("sms-long", "FAILED");
    assertThat(String.valueOf(row("sms-long").get("last_error")))
        .contains("4 segments (GSM-7, 481 septets), over hub.sms.max-segments = 3");
    assertThat(requestsWith("+34612000009")).isEmpty();
    provider.verify(
        0, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing("xxxxxxxxxx")));
  }
}
