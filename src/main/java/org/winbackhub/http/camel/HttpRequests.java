package org.winbackhub.http.camel;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The HTTP request's own headers. Camel's HTTP consumers copy query parameters into message headers
 * too, so {@code ${header.Authorization}} would also take {@code ?Authorization=...} from the URL;
 * credentials and signatures are read here, from what the client sent as headers, and nowhere else.
 */
public final class HttpRequests {
  private HttpRequests() {}

  /**
   * The request header {@code name} as sent, or null (also when the exchange did not come over
   * HTTP).
   */
  public static String header(Exchange exchange, String name) {
    HttpMessage http = exchange.getIn(HttpMessage.class);
    return http == null || http.getRequest() == null ? null : http.getRequest().getHeader(name);
  }

  /**
   * The request's method as the client sent it ({@code GET}, {@code POST}), or null when the
   * exchange did not come over HTTP.
   */
  public static String method(Exchange exchange) {
    HttpMessage http = exchange.getIn(HttpMessage.class);
    return http == null || http.getRequest() == null ? null : http.getRequest().method().name();
  }
}
