package org.winbackhub.channel.email.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.channel.email.sendgrid.SendGridAnswer.Kind;

/**
 * SendGrid's documented answers (errors page, OpenAPI examples, rate limits) and what they mean.
 */
class SendGridAnswerTest {

  @Test
  void each_documented_status_has_its_outcome() {
    assertThat(answer(202, null).kind()).isEqualTo(Kind.ACCEPTED);
    assertThat(
            answer(400, "{\"errors\":[{\"message\":\"invalid request\",\"field\":\"null\"}]}")
                .kind())
        .isEqualTo(Kind.REFUSED);
    assertThat(
            answer(
                    401,
                    "{\"errors\":[{\"message\":\"authorization required\",\"field\":\"null\"}]}")
                .kind())
        .isEqualTo(Kind.REFUSED_HUB);
    assertThat(
            answer(403, "{\"errors\":[{\"message\":\"access forbidden\",\"field\":\"null\"}]}")
                .kind())
        .isEqualTo(Kind.REFUSED_HUB);
    assertThat(
            answer(413, "{\"errors\":[{\"message\":\"content too large\",\"field\":\"null\"}]}")
                .kind())
        .isEqualTo(Kind.TOO_LARGE);
    assertThat(
            answer(429, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}").kind())
        .isEqualTo(Kind.RATE_LIMITED);
    assertThat(answer(500, "{\"errors\":[{\"message\":\"internal server error\"}]}").kind())
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(
            answer(
                    401,
                    "{\"errors\":[{\"message\":\"authorization required\",\"field\":\"null\"}]}")
                .reason())
        .isEqualTo("SendGrid answered 401: authorization required");
  }

  @Test
  void a_400_that_names_personalizations_fails_only_those() {
    SendGridAnswer a =
        answer(
            400,
            "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":"
                + "\"personalizations.3.to.0.email\",\"help\":\"http://sendgrid.com/docs/API_Reference/"
                + "Web_API_v3/Mail/errors.html#message.personalizations.to\"},{\"message\":\"The"
                + " subject is required.\",\"field\":\"personalizations.7\"}]}");
    assertThat(a.refusedPersonalizations())
        .hasValue(
            Map.of(
                3, "Does not contain a valid address. (personalizations.3.to.0.email)",
                7, "The subject is required. (personalizations.7)"));
  }

  @Test
  void a_400_about_the_request_as_a_whole_fails_the_batch() {
    assertThat(
            answer(
                    400,
                    "{\"errors\":[{\"message\":\"The content value must be a string at least one"
                        + " character in length.\",\"field\":\"content.0.value\"}]}")
                .refusedPersonalizations())
        .isEmpty();
    assertThat(
            answer(400, "{\"errors\":[{\"message\":\"Bad Request\",\"field\":null,\"help\":null}]}")
                .refusedPersonalizations())
        .isEmpty();
    assertThat(answer(400, "not json").refusedPersonalizations()).isEmpty();
  }

  @Test
  void a_429_waits_for_x_ratelimit_reset_or_a_minute() {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    assertThat(new SendGridAnswer(429, null, "1767261630", "").retryAt(now))
        .isEqualTo(Instant.ofEpochSecond(1767261630));
    assertThat(new SendGridAnswer(429, null, null, "").retryAt(now)).isEqualTo(now.plusSeconds(60));
    assertThat(new SendGridAnswer(429, null, "1", "").retryAt(now)).isEqualTo(now);
  }

  private static SendGridAnswer answer(int status, String body) {
    return new SendGridAnswer(status, status == 202 ? "abc" : null, null, body);
  }
}
