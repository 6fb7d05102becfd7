package org.winbackhub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generic JSON SMS gateway as the hub's {@code http-json} sink expects one: {@code POST} of
 * {@code {"to", "from", "text", "reference"}} with the configured header ({@code Authorization:
 * Bearer ...}), or 401; no {@code to} or {@code text}, 400; otherwise 201 {@code {"id", "status":
 * "accepted"}}. It deduplicates on {@code reference}, as the hub's documentation says a gateway
 * may: a message sent again gets its first id and is counted once.
 */
final class JsonGatewayPeer extends ProviderPeer {
  static final String PATH = "/sms";

  private final String authorization;
  private final Map<String, String> byReference = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  JsonGatewayPeer(String authorization) {
    super("http-json");
    this.authorization = authorization;
  }

  @Override
  Answer answer(Request r) {
    if (!r.path().equals(PATH)) {
      return Answer.json(404, "{\"error\": \"not found\"}");
    }
    if (!r.method().equals("POST")) {
      return Answer.json(405, "{\"error\": \"method not allowed\"}");
    }
    if (!same(r.headers().getFirst("Authorization"), authorization)) {
      return Answer.json(401, "{\"error\": \"unauthorized\"}");
    }
    JsonNode sms;
    try {
      sms = JSON.readTree(r.body());
    } catch (Exception notJson) {
      return Answer.json(400, "{\"error\": \"the body is not JSON\"}");
    }
    if (!sms.path("to").isTextual() || !sms.path("text").isTextual()) {
      return Answer.json(400, "{\"error\": \"to and text are required\"}");
    }
    String reference = sms.path("reference").asText("");
    String id =
        reference.isEmpty() ? next() : byReference.computeIfAbsent(reference, ref -> next());
    return Answer.json(
        201, JSON.createObjectNode().put("id", id).put("status", "accepted").toString());
  }

  /** A new message's id, counting the message. */
  private String next() {
    took(1);
    return String.format("gw-%06d", ids.incrementAndGet());
  }
}
