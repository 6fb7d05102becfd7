package org.winbackhub.channel;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * What an HTTP provider's failure means for the message, shared by every provider that is called
 * over HTTP. A request that never reached the provider (no connection, no TLS session) is tried
 * again; one that failed after it was sent (the answer timed out, the connection broke) may have
 * been taken: ambiguous. Of the answers, 429 and 5xx say "not taken, try later", except a gateway's
 * 504, which says its upstream did not answer in time and may have taken it.
 */
public final class HttpFailure {
  private HttpFailure() {}

  /** The failure behind an exception of the HTTP call (not an answer: see {@link #status}). */
  public static SendFailure of(Throwable error) {
    ProviderFailure answered = ProviderFailure.in(error);
    if (answered != null) {
      return answered.failure();
    }
    String why = SendFailure.describe(error);
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof ConnectTimeoutException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SSLHandshakeException) {
        return SendFailure.retry("not sent, no connection: " + why);
      }
    }
    return SendFailure.ambiguous(why);
  }

  /**
   * What an HTTP answer that is not an acceptance means, when the provider's own words do not say
   * more: 408, 429 and 5xx (but 504) are retried, the provider's Retry-After respected; 401 too
   * (the hub's credentials were refused, not the message: once they are fixed it goes); 504 is
   * ambiguous; any other 4xx is refused for good.
   */
  public static SendFailure status(int status, String why, String retryAfter) {
    if (status == 504) {
      return SendFailure.ambiguous(why);
    }
    if (status == 401 || status == 408 || status == 429 || status >= 500) {
      return SendFailure.retry(why, retryAfter(retryAfter));
    }
    return SendFailure.permanent(why);
  }

  /** A Retry-After header's wait: seconds, or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d =
            Duration.between(
                ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
