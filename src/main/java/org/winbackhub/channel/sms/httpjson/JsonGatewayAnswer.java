package org.winbackhub.channel.sms.httpjson;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.winbackhub.channel.HttpFailure;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.sms.AnswerText;
import org.winbackhub.model.Masked;

/**
 * What a generic gateway's answer means: any 2xx is an acceptance, its message id read at a JSON
 * pointer ({@code /id}, {@code /messages/0/id}; RFC 6901) of the answer, none when the answer has
 * nothing there. Other answers by their HTTP status ({@link HttpFailure#status}): 408, 429 and 5xx
 * tried again (its Retry-After respected), 401 too, 504 ambiguous, any other 4xx failed for good.
 */
public final class JsonGatewayAnswer {
  private JsonGatewayAnswer() {}

  /** A JSON pointer, checked once when the sink is configured. */
  public static JsonPointer pointer(String pointer) {
    try {
      return JsonPointer.compile(pointer == null ? "" : pointer.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "JSON gateway messageIdPointer: a JSON pointer such as /id or /messages/0/id, got '"
              + pointer
              + "'");
    }
  }

  /** The message id at {@code pointer}, or null; a {@link ProviderFailure} when not accepted. */
  public static String messageId(int status, String body, String retryAfter, JsonPointer pointer) {
    if (status >= 200 && status < 300) {
      JsonNode id = AnswerText.json(body).at(pointer);
      return id.isValueNode() && !id.asText().isBlank() ? id.asText() : null;
    }
    String why = "gateway " + status + ": " + Masked.within(AnswerText.excerpt(body));
    throw new ProviderFailure(HttpFailure.status(status, why, retryAfter));
  }
}
