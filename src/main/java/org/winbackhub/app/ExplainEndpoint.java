package org.winbackhub.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.winbackhub.http.camel.HttpRequests;
import org.winbackhub.segment.Explainer;
import org.winbackhub.signature.ConstantTime;

/**
 * The explain endpoint: checks the admin token and answers the explanation. The answer holds
 * personal data, so it is off until an operator sets {@code hub.admin.token}. The token counts only
 * as the request's {@code Authorization: Bearer} header (never from the query string), compared in
 * constant time and exactly as configured.
 */
public final class ExplainEndpoint {
  /** What the route sends back. */
  public record Answer(int status, String contentType, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Explainer explainer;
  private final byte[] token;

  ExplainEndpoint(Explainer explainer, String token) {
    this.explainer = explainer;
    if (token != null && !token.isBlank() && token.trim().length() < 16) {
      throw new IllegalArgumentException(
          "hub.admin.token (env HUB_ADMIN_TOKEN): use at least 16 random characters");
    }
    this.token =
        token == null || token.isBlank()
            ? null
            : ("Bearer " + token.trim()).getBytes(StandardCharsets.UTF_8);
  }

  /** What the route calls: the contact from the path, the token from the request's own header. */
  public Answer answer(Exchange exchange) {
    return answer(
        exchange.getIn().getHeader("who", String.class),
        HttpRequests.header(exchange, "Authorization"),
        HttpRequests.header(exchange, "Accept"));
  }

  Answer answer(String who, String authorization, String accept) {
    if (token == null) {
      return new Answer(404, "text/plain; charset=UTF-8", "not found\n");
    }
    byte[] given = authorization == null ? null : authorization.getBytes(StandardCharsets.UTF_8);
    if (!ConstantTime.equal(token, given)) {
      return new Answer(401, "text/plain; charset=UTF-8", "a valid admin token is required\n");
    }
    Optional<Explainer.Explanation> found = explainer.explain(who == null ? "" : who);
    if (found.isEmpty()) {
      return new Answer(
          404, "text/plain; charset=UTF-8", "no classified contact '" + printable(who) + "'\n");
    }
    Explainer.Explanation e = found.get();
    if (accept != null && accept.contains("text/plain")) {
      return new Answer(200, "text/plain; charset=UTF-8", e.text());
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("contact_id", e.contactId());
    body.put("lifecycle", e.lifecycle());
    body.put("reason", e.reason());
    ObjectNode lines = body.putObject("explanation");
    e.lines().forEach(lines::put);
    return new Answer(200, "application/json", body.toString());
  }

  private static String printable(String s) {
    return s == null ? "" : s.replaceAll("[^\\w@.+-]", "?");
  }
}
