package org.winbackhub.channel.sms.httpjson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.winbackhub.channel.sms.SmsMessage;

/**
 * The body a generic SMS gateway is sent: {@code {"to": "+34...", "from": "...", "text": "...",
 * "reference": "..."}} as JSON, POSTed to its URL. {@code reference} is the message's idempotency
 * key, the same on every try: a gateway that deduplicates on it makes a retry harmless.
 */
public final class JsonGatewayRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonGatewayRequest() {}

  public static String body(SmsMessage m) {
    ObjectNode body = JSON.createObjectNode();
    body.put("to", m.to());
    if (m.from() != null && !m.from().isBlank()) {
      body.put("from", m.from());
    }
    body.put("text", m.text());
    body.put("reference", m.reference());
    return body.toString();
  }

  /** The header the gateway authenticates with: a name such as Authorization or X-Api-Key. */
  public static String authHeader(String name) {
    if (name == null || !name.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException(
          "JSON gateway authHeader: a header name such as Authorization, got '" + name + "'");
    }
    return name;
  }
}
