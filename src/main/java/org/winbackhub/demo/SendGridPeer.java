package org.winbackhub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * SendGrid's v3 Mail Send, {@code POST /v3/mail/send} (https://www.twilio.com/docs/sendgrid/api-
 * reference/mail-send/mail-send): the API key as a bearer token, or 401 with SendGrid's {@code
 * errors} array; a body without personalizations, 400 naming the field; otherwise 202 with no body
 * and the request's {@code X-Message-Id}. Each personalization is one message.
 */
final class SendGridPeer extends ProviderPeer {
  static final String PATH = "/v3/mail/send";

  private static final SecureRandom RANDOM = new SecureRandom();
  private final String apiKey;

  SendGridPeer(String apiKey) {
    super("sendgrid");
    this.apiKey = apiKey;
  }

  @Override
  Answer answer(Request r) {
    if (!r.path().equals(PATH)) {
      return error(404, null, "Not Found");
    }
    if (!r.method().equals("POST")) {
      return error(405, null, "Method Not Allowed");
    }
    String auth = r.headers().getFirst("Authorization");
    if (auth == null || auth.isBlank()) {
      return error(401, null, "authorization required");
    }
    if (!same(auth, "Bearer " + apiKey)) {
      return error(401, null, "The provided authorization grant is invalid, expired, or revoked");
    }
    JsonNode personalizations;
    try {
      personalizations = JSON.readTree(r.body()).path("personalizations");
    } catch (Exception notJson) {
      return error(400, null, "Bad Request");
    }
    if (!personalizations.isArray() || personalizations.isEmpty()) {
      return error(
          400,
          "personalizations",
          "The personalizations field is required and must have at least one personalization.");
    }
    took(personalizations.size());
    return new Answer(202, null, null, Map.of("X-Message-Id", messageId()));
  }

  /** SendGrid's error body: {@code {"errors": [{"message", "field", "help"}]}}. */
  private static Answer error(int status, String field, String message) {
    var errors = JSON.createObjectNode();
    var e = errors.putArray("errors").addObject();
    e.put("message", message);
    e.put("field", field);
    e.putNull("help");
    return Answer.json(status, errors.toString());
  }

  /** An id shaped like SendGrid's: 22 URL-safe base64 characters. */
  private static String messageId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
