package org.winbackhub.feedback.camel;

import org.apache.camel.Exchange;
import org.winbackhub.feedback.OneClickUnsubscribe;
import org.winbackhub.feedback.UnsubscribePage;
import org.winbackhub.http.camel.HttpRequests;

/**
 * {@code /u/{token}} on the hub's HTTP server: the method is read from the request itself (a query
 * parameter cannot turn a link scanner's GET into an unsubscribe), the token from the path.
 */
public final class UnsubscribeEndpoint {
  private final OneClickUnsubscribe unsubscribe;

  public UnsubscribeEndpoint(OneClickUnsubscribe unsubscribe) {
    this.unsubscribe = unsubscribe;
  }

  public UnsubscribePage answer(Exchange exchange) {
    return unsubscribe.answer(
        HttpRequests.method(exchange), exchange.getIn().getHeader("token", String.class));
  }
}
