package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two SMS providers at once (hub.sms.routes): French numbers through Twilio, the rest through the
 * default, Kannel; both played by WireMock with their documented answers. Each message goes to its
 * route's provider and the outbox records which. When Twilio keeps failing its circuit breaker
 * opens: its messages then go back unsent without spending their attempts, while Kannel's go on.
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
      "hub.sms.routes=+33=twilio",
      "hub.sms.from=Tienda",
      "hub.sms.kannel.base-url={{sms.it.url}}",
      "hub.sms.kannel.username=winback",
      "hub.sms.kannel.password=kannel-pw",
      "hub.sms.twilio.base-url={{sms.it.url}}",
      "hub.sms.twilio.account-sid=" + SmsTwilioIT.SID,
      "hub.sms.twilio.auth-token=" + SmsTwilioIT.TOKEN,
      "hub.sms.twilio.breaker.minimum-calls=2",
      // the first test's success is in the window too: open only when both calls failed
      "hub.sms.twilio.breaker.failure-rate=100",
      "hub.sms.twilio.breaker.window=2",
      "hub.sms.twilio.breaker.open-for=PT1H"
    })
class SmsRoutingIT extends SmsAppTest {

  @Test
  @Order(1)
  void each_message_goes_through_the_provider_of_its_calling_code() throws Exception {
    provider.stubFor(
        SmsKannelIT.sendsmsTo("+34622100001")
            .willReturn(SmsKannelIT.kannel(202, "0: Accepted for delivery")));
    provider.stubFor(
        SmsTwilioIT.messageTo("+33612100001")
            .willReturn(SmsTwilioIT.created("SM" + "a".repeat(32), "+33612100001")));
    queue("route-es", "+34622100001", "sms/plain");
    queue("route-fr", "+33612100001", "sms/plain");
    awaitStatus("route-es", "SENT");
    awaitStatus("route-fr", "SENT");

    assertThat(providerOf("route-es")).isEqualTo("kannel");
    assertThat(providerOf("route-fr")).isEqualTo("twilio");
    assertThat(row("route-fr")).containsEntry("provider_message_id", "SM" + "a".repeat(32));
    assertThat(requestsWith("+34622100001")).hasSize(1);
    assertThat(requestsWith("+33612100001")).as("to Twilio only").hasSize(1);
  }

  @Test
  @Order(2)
  void a_provider_whose_breaker_is_open_holds_its_messages_and_the_others_go_on() throws Exception {
    provider.stubFor(
        SmsTwilioIT.messageTo("+33612100002")
            .willReturn(SmsTwilioIT.error(503, 20500, "Service unavailable")));
    queue("down-1", "+33612100002", "sms/plain");
    awaitRetry("down-1");
    dueNow("down-1");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'down-1' AND attempts = 2 AND"
            + " status = 'PENDING'",
        1);
    assertThat(requestsWith("+33612100002")).as("two calls, both 503").hasSize(2);

    // the breaker is open: the next try is held, not sent and not counted
    dueNow("down-1");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'down-1' AND last_error LIKE"
            + " 'held: SMS provider twilio circuit breaker open%'",
        1);
    Map<String, Object> held = row("down-1");
    assertThat(held).containsEntry("status", "PENDING").containsEntry("attempts", 2);
    assertThat(requestsWith("+33612100002")).as("nothing sent while open").hasSize(2);

    provider.stubFor(
        SmsKannelIT.sendsmsTo("+34622100002")
            .willReturn(SmsKannelIT.kannel(202, "0: Accepted for delivery")));
    queue("still-es", "+34622100002", "sms/plain");
    awaitStatus("still-es", "SENT");
    assertThat(providerOf("still-es")).isEqualTo("kannel");
  }

  private String providerOf(String key) throws Exception {
    return String.valueOf(
        query("SELECT provider FROM outbox WHERE idempotency_key = '" + key + "'")
            .get(0)
            .get("provider"));
  }
}
