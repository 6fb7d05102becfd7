package org.winbackhub.app;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.winbackhub.model.Rejection;
import org.winbackhub.store.RejectRepository;

/**
 * The dead letter channel's end: a message that failed every redelivery is kept as a rejected
 * record with the route it failed in and why, so nothing is lost silently.
 */
public final class DeadLetters {
  private final RejectRepository rejects;
  private final Clock clock;

  public DeadLetters(RejectRepository rejects, Clock clock) {
    this.rejects = rejects;
    this.clock = clock;
  }

  public void keep(Exchange exchange) {
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    String route = exchange.getFromRouteId();
    String endpoint =
        exchange.getFromEndpoint() == null ? "?" : exchange.getFromEndpoint().getEndpointBaseUri();
    String reason =
        cause == null
            ? "failed after redeliveries"
            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    String body = exchange.getMessage().getBody(String.class);
    rejects.add(
        new Rejection("route:" + route, endpoint, null, exchange.getExchangeId(), reason, body),
        clock.instant());
  }
}
