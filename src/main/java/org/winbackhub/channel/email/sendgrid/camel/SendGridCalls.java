package org.winbackhub.channel.email.sendgrid.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.winbackhub.channel.email.sendgrid.SendGridAnswer;
import org.winbackhub.channel.email.sendgrid.SendGridBatch;
import org.winbackhub.channel.email.sendgrid.SendGridOutbox;
import org.winbackhub.channel.email.sendgrid.SendGridUnavailable;

/**
 * The SendGrid route's side of a {@code mail/send} call over camel-http: the request's headers (the
 * API key as a bearer token, set here and never in the route, so no route dump shows it), a 5xx
 * turned into a failure the circuit breaker counts, and the answer handed to {@link
 * SendGridOutbox}.
 */
public final class SendGridCalls {
  /** The exchange property that holds the batch being sent. */
  public static final String BATCH = "batch";

  private final SendGridOutbox outbox;
  private final String apiKey;

  public SendGridCalls(SendGridOutbox outbox, String apiKey) {
    this.outbox = outbox;
    this.apiKey = apiKey;
  }

  /** The request: only these headers go to SendGrid (camel-http sends every message header). */
  public void prepare(Exchange exchange) {
    if (apiKey == null) {
      throw new IllegalStateException("hub.sendgrid.api-key (env HUB_SENDGRID_API_KEY) is not set");
    }
    Message in = exchange.getIn();
    in.removeHeaders("*");
    in.setHeader(Exchange.HTTP_METHOD, "POST");
    in.setHeader(Exchange.CONTENT_TYPE, "application/json");
    in.setHeader("Accept", "application/json");
    in.setHeader("Authorization", "Bearer " + apiKey);
  }

  /** A 5xx: SendGrid's trouble, counted by the circuit breaker; nothing was sent. */
  public void checkAvailable(Exchange exchange) {
    SendGridAnswer answer = answer(exchange);
    if (answer.status() >= 500) {
      throw new SendGridUnavailable(answer.reason());
    }
  }

  /** Records the answer for the batch; what happened, for the log. */
  public String answered(Exchange exchange) {
    SendGridAnswer answer = answer(exchange);
    exchange.getMessage().removeHeader("Authorization");
    return outbox.answered(exchange.getProperty(BATCH, SendGridBatch.class), answer);
  }

  private static SendGridAnswer answer(Exchange exchange) {
    Message m = exchange.getMessage();
    Integer status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    String body = m.getBody(String.class);
    m.setBody(body); // read once: the answer's stream is not read twice
    return new SendGridAnswer(
        status == null ? 0 : status,
        m.getHeader("X-Message-Id", String.class),
        m.getHeader("X-RateLimit-Reset", String.class),
        body);
  }
}
