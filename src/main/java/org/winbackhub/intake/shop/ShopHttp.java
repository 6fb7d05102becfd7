package org.winbackhub.intake.shop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The shop's REST API over HTTP (Apache HttpClient 5, as camel-http uses it): a GET with the access
 * token, answering every status (429 and 5xx included) instead of throwing, so the page walk can
 * wait them out. The URL is sent as given, query untouched (Shopify's page_info cursors must not be
 * re-encoded); redirects are not followed.
 *
 * <p>Fetches are bounded: a connection must open within the connect timeout, and every read of the
 * answer must bring data within the read timeout. A body larger than {@code maxBytes} is refused
 * without being read into memory: at once when its Content-Length says so, otherwise as soon as the
 * bytes counted while streaming pass the limit; the connection is then dropped, never drained.
 * (camel-http's producer cannot do this: it reads or drains the whole body before the caller sees
 * it.)
 */
public final class ShopHttp implements AutoCloseable {
  private static final String[] HEADERS = {"Link", "Retry-After", "X-Shopify-Shop-Api-Call-Limit"};

  private final CloseableHttpClient client;
  private final Duration readTimeout;
  private final long maxBytes;

  public ShopHttp(Duration connectTimeout, Duration readTimeout, long maxBytes) {
    this.readTimeout = readTimeout;
    this.maxBytes = maxBytes;
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .setSocketTimeout(
                                (int) Math.min(readTimeout.toMillis(), Integer.MAX_VALUE),
                                TimeUnit.MILLISECONDS)
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .setRedirectsEnabled(false)
                    .build())
            .disableCookieManagement()
            .build();
  }

  /** The shop's API as one sync sees it: every GET carries this access token. */
  public ShopApi withToken(String accessToken) {
    if (accessToken == null || accessToken.isBlank() || accessToken.startsWith("{{")) {
      throw new IllegalArgumentException(
          "shop source: no access token (set it from the environment, e.g. HUB_SHOP_ACCESS_TOKEN)");
    }
    return url -> get(url, accessToken);
  }

  ShopApi.Response get(String url, String accessToken) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "shop source: the base URL must be http(s), got '" + scheme + "'");
    }
    HttpGet get = new HttpGet(uri);
    get.setHeader("X-Shopify-Access-Token", accessToken);
    get.setHeader("Accept", "application/json");
    ClassicHttpResponse response = null;
    boolean complete = false;
    try {
      response = client.executeOpen(null, get, null);
      Map<String, String> headers = new HashMap<>();
      for (String name : HEADERS) {
        Header h = response.getFirstHeader(name);
        if (h != null) {
          headers.put(name, h.getValue());
        }
      }
      String body = body(response.getEntity(), uri);
      complete = true;
      return new ShopApi.Response(response.getCode(), headers, body);
    } catch (SocketTimeoutException e) {
      throw new ShopApiException(
          "the shop at "
              + uri.getHost()
              + " sent nothing for "
              + readTimeout
              + " (hub.shop.read-timeout) while answering "
              + path(uri));
    } catch (IOException e) {
      // the message of a connection failure names host and port, never the token or the query
      throw new ShopApiException(
          "cannot reach the shop at "
              + uri.getHost()
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage().replaceAll("\\?.*", "")));
    } finally {
      if (!complete) {
        get.cancel(); // drops the connection first: closing an unfinished answer would read the
        // rest of it
      }
      if (response != null) {
        try {
          response.close();
        } catch (IOException ignored) {
          // the connection is gone either way
        }
      }
    }
  }

  /**
   * The body as text, read only up to maxBytes; the stream is left to the caller's cancel or close.
   */
  private String body(HttpEntity entity, URI uri) throws IOException {
    if (entity == null) {
      return null;
    }
    long declared = entity.getContentLength();
    if (declared > maxBytes) {
      throw tooLarge(uri, declared + " bytes by its Content-Length");
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : 8192, maxBytes));
    byte[] buffer = new byte[8192];
    long total = 0;
    InputStream in = entity.getContent();
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(uri, "more than " + maxBytes + " bytes while reading it");
      }
      out.write(buffer, 0, n);
    }
    ContentType type = ContentType.parseLenient(entity.getContentType());
    Charset charset =
        type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    return out.toString(charset);
  }

  private ShopApiException tooLarge(URI uri, String size) {
    return new ShopApiException(
        "the shop's answer for "
            + path(uri)
            + " is "
            + size
            + ", over hub.shop.max-response-size ("
            + maxBytes
            + " bytes); refused unread");
  }

  /** The URL without its query: what the shop was asked, never the cursor or filters. */
  private static String path(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getRawAuthority()
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
