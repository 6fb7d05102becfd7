package org.winbackhub.ops;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.winbackhub.intake.ShopApi;
import org.winbackhub.intake.ShopApiException;

/**
 * The shop's REST API over camel-http: a GET with the access token, answering every status (429
 * and 5xx included) instead of throwing, so the page walk can wait them out. The URL is sent as
 * given, query untouched (Shopify's page_info cursors must not be re-encoded).
 */
final class ShopHttp implements ShopApi {
  private final ProducerTemplate template;
  private final String accessToken;

  ShopHttp(ProducerTemplate template, String accessToken) {
    if (accessToken == null || accessToken.isBlank() || accessToken.startsWith("{{")) {
      throw new IllegalArgumentException("shop source: no access token (set it from the environment, e.g. HUB_SHOP_ACCESS_TOKEN)");
    }
    this.template = template;
    this.accessToken = accessToken;
  }

  @Override
  public Response get(String url) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("shop source: the base URL must be http(s), got '" + scheme + "'");
    }
    String endpoint = scheme + "://" + uri.getRawAuthority() + "?throwExceptionOnFailure=false&followRedirects=false";
    Exchange result =
        template.send(
            endpoint,
            e -> {
              Message in = e.getIn();
              in.setHeader(Exchange.HTTP_METHOD, "GET");
              in.setHeader(Exchange.HTTP_URI, scheme + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
              if (uri.getRawQuery() != null) {
                in.setHeader(Exchange.HTTP_RAW_QUERY, uri.getRawQuery());
              }
              in.setHeader("X-Shopify-Access-Token", accessToken);
              in.setHeader("Accept", "application/json");
            });
    if (result.getException() != null) {
      // the message of a connection failure names host and port, never the token or the query
      Exception x = result.getException();
      throw new ShopApiException("cannot reach the shop at " + uri.getHost() + ": " + x.getClass().getSimpleName()
          + (x.getMessage() == null ? "" : " " + x.getMessage().replaceAll("\\?.*", "")));
    }
    Message out = result.getMessage();
    Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    Map<String, String> headers = new HashMap<>();
    for (String name : new String[] {"Link", "Retry-After", "X-Shopify-Shop-Api-Call-Limit"}) {
      String v = out.getHeader(name, String.class);
      if (v != null) {
        headers.put(name, v);
      }
    }
    return new Response(status == null ? 0 : status, headers, out.getBody(String.class));
  }
}
