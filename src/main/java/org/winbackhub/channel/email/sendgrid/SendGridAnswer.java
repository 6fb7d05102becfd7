package org.winbackhub.channel.email.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SendGrid's answer to {@code mail/send}, as its documentation describes it (v3 Mail Send reference
 * and its errors page, the API's responses and rate-limits pages): 202 accepted with the request's
 * {@code X-Message-Id}; 400 with an {@code errors} array whose {@code field} names what was wrong
 * ({@code personalizations.3.to.0.email}: one message of the batch); 401 and 403 (credentials,
 * sender identity, or a temporary block after repeated bad requests); 413 (the request too large);
 * 429 (rate limit, until {@code X-RateLimit-Reset}, in epoch seconds); 5xx (SendGrid's fault).
 * Nothing of a request that was answered 4xx or 5xx was sent.
 */
public record SendGridAnswer(int status, String messageId, String rateLimitReset, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PERSONALIZATION =
      Pattern.compile("personalizations\\.(\\d+)(\\..*)?");

  /** What the hub does with the batch. */
  public enum Kind {
    /** Sent: every row SENT with the X-Message-Id. */
    ACCEPTED,
    /** 400: refused for good, the named personalizations or the whole batch. */
    REFUSED,
    /** The provider refuses this hub's requests (401, 403, 404, 405, 406, 415): hold, not fail. */
    REFUSED_HUB,
    /** 413: too large: smaller batches. */
    TOO_LARGE,
    /** 429: wait for the reset. */
    RATE_LIMITED,
    /** 5xx or anything else: retry with backoff. */
    UNAVAILABLE
  }

  public Kind kind() {
    if (status >= 200 && status < 300) {
      return Kind.ACCEPTED;
    }
    return switch (status) {
      case 400 -> Kind.REFUSED;
      case 401, 403, 404, 405, 406, 415 -> Kind.REFUSED_HUB;
      case 413 -> Kind.TOO_LARGE;
      case 429 -> Kind.RATE_LIMITED;
      default -> Kind.UNAVAILABLE;
    };
  }

  /**
   * For a 400: the reason of each personalization (by its place in the request) the errors name;
   * empty when any error names none (the request as a whole is wrong: the batch fails).
   */
  public Optional<Map<Integer, String>> refusedPersonalizations() {
    Map<Integer, String> named = new LinkedHashMap<>();
    JsonNode errors = errors();
    if (!errors.isArray() || errors.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode e : errors) {
      Matcher m = PERSONALIZATION.matcher(field(e));
      if (!m.matches()) {
        return Optional.empty();
      }
      named.merge(Integer.parseInt(m.group(1)), describe(e), (a, b) -> a + "; " + b);
    }
    return Optional.of(named);
  }

  /** The errors SendGrid gave, for the ledger and the log: "401 authorization required". */
  public String reason() {
    List<String> parts = new ArrayList<>();
    JsonNode errors = errors();
    if (errors.isArray()) {
      errors.forEach(e -> parts.add(describe(e)));
    }
    return "SendGrid answered " + status + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
  }

  /** When a 429 allows the next request: X-RateLimit-Reset, else a minute from now. */
  public Instant retryAt(Instant now) {
    try {
      Instant reset = Instant.ofEpochSecond(Long.parseLong(rateLimitReset.trim()));
      return reset.isAfter(now) ? reset : now;
    } catch (RuntimeException e) {
      return now.plusSeconds(60);
    }
  }

  private JsonNode errors() {
    if (body == null || body.isBlank()) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(body).path("errors");
    } catch (Exception e) {
      return JSON.missingNode();
    }
  }

  private static String field(JsonNode e) {
    JsonNode f = e.path("field");
    return f.isTextual() && !f.asText().equals("null") ? f.asText() : "";
  }

  private static String describe(JsonNode e) {
    String message = e.path("message").asText("");
    String field = field(e);
    return field.isEmpty() ? message : message + " (" + field + ")";
  }
}
