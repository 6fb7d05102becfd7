package org.winbackhub.channel.sms.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import org.winbackhub.channel.HttpFailure;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.sms.AnswerText;
import org.winbackhub.model.Masked;

/**
 * What Twilio's answer to a new message means. {@code 201 Created} with the Message resource: its
 * {@code sid} (SM...) is the provider's message id. An error is Twilio's JSON error ({@code code},
 * {@code message}, {@code more_info}, {@code status};
 * https://www.twilio.com/docs/usage/twilios-response): 429 (code 20429: "never processed and always
 * safe to retry", https://www.twilio.com/docs/errors/20429) and 5xx are tried again, 401 (code
 * 20003, the hub's credentials refused) too, since the message is not at fault and a fixed
 * credential sends it; any other 4xx, such as 400 with 21211 (an invalid 'To' number) or 21610 (the
 * recipient unsubscribed from this sender), fails the message for good.
 */
public final class TwilioAnswer {
  private TwilioAnswer() {}

  /** The message's sid; a {@link ProviderFailure} for anything but an acceptance. */
  public static String messageId(int status, String body, String retryAfter) {
    JsonNode json = AnswerText.json(body);
    if (status >= 200 && status < 300) {
      String sid = json.path("sid").asText("");
      return sid.isBlank() ? null : sid;
    }
    int code = json.path("code").asInt(0);
    String words = json.path("message").asText("");
    String why =
        "twilio "
            + status
            + (code > 0 ? " " + code : "")
            + ": "
            + Masked.within(words.isBlank() ? AnswerText.excerpt(body) : words);
    // 20003 (authentication) comes as 401 and 20429 (too many requests) as 429: both tried again
    int asStatus = code == 20003 ? 401 : code == 20429 ? 429 : status;
    throw new ProviderFailure(HttpFailure.status(asStatus, why, retryAfter));
  }
}
