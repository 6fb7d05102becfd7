package org.winbackhub.channel.sms.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.SendFailure.Kind;

/**
 * Twilio's documented answers: the Message resource of a 201 Created
 * (https://www.twilio.com/docs/messaging/api/message-resource) and its JSON errors
 * (https://www.twilio.com/docs/usage/twilios-response).
 */
class TwilioAnswerTest {

  @Test
  void a_created_message_gives_its_sid() {
    assertThat(
            TwilioAnswer.messageId(
                201,
                "{\"sid\": \"SM1f0e8ae6ade43cb3c0ce4525424e404f\", \"status\": \"queued\","
                    + " \"num_segments\": \"1\"}",
                null))
        .isEqualTo("SM1f0e8ae6ade43cb3c0ce4525424e404f");
  }

  @Test
  void an_invalid_to_number_21211_fails_for_good_without_the_number_in_the_reason() {
    ProviderFailure f =
        refusal(
            400,
            "{\"code\": 21211, \"message\": \"The 'To' number 5551234567 is not a valid phone"
                + " number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\","
                + " \"status\": 400}",
            null);
    assertThat(f.failure().kind()).isEqualTo(Kind.PERMANENT);
    assertThat(f.failure().why())
        .startsWith("twilio 400 21211: The 'To' number ")
        .doesNotContain("5551234567");
  }

  @Test
  void too_many_requests_20429_and_server_errors_are_tried_again() {
    ProviderFailure busy =
        refusal(
            429,
            "{\"code\": 20429, \"message\": \"Too Many Requests\", \"more_info\":"
                + " \"https://www.twilio.com/docs/errors/20429\", \"status\": 429}",
            "7");
    assertThat(busy.failure().kind()).isEqualTo(Kind.RETRY);
    assertThat(busy.failure().retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(
            refusal(500, "{\"code\": 20500, \"message\": \"Internal Server Error\"}", null)
                .failure()
                .kind())
        .isEqualTo(Kind.RETRY);
    assertThat(refusal(503, "<html>Service Unavailable</html>", null).failure().why())
        .isEqualTo("twilio 503: <html>Service Unavailable</html>");
  }

  @Test
  void refused_credentials_20003_are_not_the_message_fault_and_are_tried_again() {
    assertThat(
            refusal(
                    401,
                    "{\"code\": 20003, \"message\": \"Authenticate\", \"more_info\":"
                        + " \"https://www.twilio.com/docs/errors/20003\", \"status\": 401}",
                    null)
                .failure()
                .kind())
        .isEqualTo(Kind.RETRY);
  }

  @Test
  void a_recipient_who_unsubscribed_21610_fails_for_good() {
    assertThat(
            refusal(
                    400,
                    "{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\","
                        + " \"status\": 400}",
                    null)
                .failure()
                .kind())
        .isEqualTo(Kind.PERMANENT);
  }

  @Test
  void a_gateway_timeout_in_front_of_twilio_may_have_sent_it() {
    assertThat(refusal(504, "", null).failure().kind()).isEqualTo(Kind.AMBIGUOUS);
  }

  private static ProviderFailure refusal(int status, String body, String retryAfter) {
    return catchThrowableOfType(
        ProviderFailure.class, () -> TwilioAnswer.messageId(status, body, retryAfter));
  }
}
