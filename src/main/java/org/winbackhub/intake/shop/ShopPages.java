package org.winbackhub.intake.shop;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a paginated shop listing: each page's {@code Link: <...>; rel="next"} URL is followed
 * exactly as given. A 429 is waited out for its Retry-After (seconds, may be fractional) at most
 * {@code maxWaits} times per page; a 5xx is retried with doubling pauses; anything else that is not
 * a 200 stops the walk. A next URL on another host than the first is refused, so the access token
 * never goes anywhere else.
 */
public final class ShopPages {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*\\brel=\"?next\"?");

  /** How the walk waits; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Told each page's body, in order. */
  @FunctionalInterface
  public interface PageHandler {
    void page(String body);
  }

  private final ShopApi api;
  private final Sleeper sleeper;
  private final int maxWaits;
  private final Duration maxWait;
  private final int serverRetries;
  private final Duration firstBackoff;

  public ShopPages(
      ShopApi api,
      Sleeper sleeper,
      int maxWaits,
      Duration maxWait,
      int serverRetries,
      Duration firstBackoff) {
    this.api = api;
    this.sleeper = sleeper;
    this.maxWaits = maxWaits;
    this.maxWait = maxWait;
    this.serverRetries = serverRetries;
    this.firstBackoff = firstBackoff;
  }

  /** Reads every page from {@code firstUrl} on; returns how many pages were read. */
  public int walk(String firstUrl, PageHandler handler) {
    URI first = URI.create(firstUrl);
    String url = firstUrl;
    int pages = 0;
    while (url != null) {
      ShopApi.Response r = fetch(url);
      handler.page(r.body());
      pages++;
      url = next(r.header("Link"));
      if (url != null && !sameOrigin(first, URI.create(url))) {
        throw new ShopApiException(
            "the shop's next-page link points to another host ("
                + URI.create(url).getHost()
                + "); refused");
      }
    }
    return pages;
  }

  private ShopApi.Response fetch(String url) {
    int waits = 0;
    int retries = 0;
    Duration backoff = firstBackoff;
    while (true) {
      ShopApi.Response r = api.get(url);
      int status = r.status();
      if (status == 200) {
        return r;
      }
      if (status == 429) {
        if (++waits > maxWaits) {
          throw new ShopApiException(
              "the shop kept answering 429 (rate limited) after "
                  + maxWaits
                  + " waits for "
                  + path(url));
        }
        pause(retryAfter(r.header("Retry-After")));
      } else if (status >= 500) {
        if (++retries > serverRetries) {
          throw new ShopApiException(
              "the shop answered "
                  + status
                  + " "
                  + serverRetries
                  + " times in a row for "
                  + path(url));
        }
        pause(backoff);
        backoff = backoff.multipliedBy(2);
      } else {
        throw new ShopApiException(
            "the shop answered "
                + status
                + " for "
                + path(url)
                + (status == 401 || status == 403
                    ? " (check the access token and its scopes)"
                    : ""));
      }
    }
  }

  /** How long a 429 asks to wait: Retry-After in seconds, fractions allowed; 2 s when absent. */
  Duration retryAfter(String header) {
    Duration wait = Duration.ofSeconds(2);
    if (header != null) {
      try {
        double seconds = Double.parseDouble(header.trim());
        if (seconds >= 0 && !Double.isNaN(seconds) && !Double.isInfinite(seconds)) {
          wait = Duration.ofMillis(Math.round(Math.min(seconds, 86_400) * 1000));
        }
      } catch (NumberFormatException e) {
        // an HTTP date or garbage: keep the default
      }
    }
    return wait.compareTo(maxWait) > 0 ? maxWait : wait;
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShopApiException("interrupted while waiting for the shop");
    }
  }

  /** The rel="next" URL of a Link header, or null when it has none. */
  static String next(String link) {
    if (link == null) {
      return null;
    }
    for (String part : link.split(",(?=\\s*<)")) {
      Matcher m = NEXT.matcher(part);
      if (m.find()) {
        return m.group(1).trim();
      }
    }
    return null;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  /** The URL without its query: what the shop was asked, never the cursor or filters. */
  private static String path(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
