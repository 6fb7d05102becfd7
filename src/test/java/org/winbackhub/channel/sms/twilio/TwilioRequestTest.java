package org.winbackhub.channel.sms.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsSegments;

class TwilioRequestTest {
  private final SmsMessage m =
      new SmsMessage(
          7,
          "j:1:7:s:sms",
          "+34612345678",
          "+34600000001",
          "Hola Ana & co: 10%",
          SmsSegments.of("Hola Ana & co: 10%"),
          "Nw.abc");

  @Test
  void the_form_has_to_from_body_and_a_status_callback_with_the_signed_token() {
    assertThat(TwilioRequest.form(m, "https://hub.example.com/webhooks/twilio/status"))
        .isEqualTo(
            "To=%2B34612345678&From=%2B34600000001&Body=Hola+Ana+%26+co%3A+10%25"
                + "&StatusCallback=https%3A%2F%2Fhub.example.com%2Fwebhooks%2Ftwilio%2Fstatus%3Ft%3DNw.abc");
  }

  @Test
  void without_a_callback_url_no_callback_is_asked_for() {
    assertThat(TwilioRequest.form(m, "")).doesNotContain("StatusCallback");
  }
}
