package org.winbackhub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.winbackhub.channel.SendFailure.Kind;

class HttpFailureTest {

  @Test
  void a_request_that_never_reached_the_provider_is_tried_again() {
    assertThat(HttpFailure.of(new HttpHostConnectException("Connection refused")).kind())
        .isEqualTo(Kind.RETRY);
    assertThat(HttpFailure.of(new ConnectTimeoutException("Connect timed out")).kind())
        .isEqualTo(Kind.RETRY);
    assertThat(
            HttpFailure.of(new IOException("wrapped", new UnknownHostException("sms.gw"))).kind())
        .isEqualTo(Kind.RETRY);
    assertThat(HttpFailure.of(new ConnectException("refused")).why()).contains("no connection");
  }

  @Test
  void a_request_that_failed_after_it_was_sent_may_have_been_taken() {
    assertThat(HttpFailure.of(new SocketTimeoutException("Read timed out")).kind())
        .isEqualTo(Kind.AMBIGUOUS);
    assertThat(
            HttpFailure.of(new NoHttpResponseException("The target server failed to respond"))
                .kind())
        .isEqualTo(Kind.AMBIGUOUS);
  }

  @Test
  void a_provider_answer_keeps_the_classification_its_rules_gave() {
    ProviderFailure refused = new ProviderFailure(SendFailure.permanent("invalid number"));
    assertThat(HttpFailure.of(new IllegalStateException("wrapped", refused)).kind())
        .isEqualTo(Kind.PERMANENT);
  }

  @Test
  void a_retry_after_is_read_in_seconds_or_as_a_date() {
    assertThat(HttpFailure.status(429, "busy", "120").retryAfter())
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(HttpFailure.status(503, "down", "Wed, 21 Oct 2015 07:28:00 GMT").retryAfter())
        .as("a date in the past: now")
        .isEqualTo(Duration.ZERO);
    assertThat(HttpFailure.status(503, "down", "soon").retryAfter()).isNull();
  }
}
