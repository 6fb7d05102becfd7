package org.winbackhub.intake.shop;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shop's REST API as the sync sees it: one GET of a full URL, answered with whatever status the
 * shop gave (429 and 5xx included, so the caller decides what to do with them). The implementation
 * adds the credentials; the sync never sees them.
 */
public interface ShopApi {
  Response get(String url);

  /** One answer: its status, the headers the sync reads (Link, Retry-After) and the body. */
  record Response(int status, Map<String, String> headers, String body) {
    public Response {
      TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      if (headers != null) {
        headers.forEach(
            (k, v) -> {
              if (k != null && v != null) {
                h.put(k, v);
              }
            });
      }
      headers = Collections.unmodifiableMap(h);
    }

    /** A header's value by name, any case; null when absent. */
    public String header(String name) {
      return headers.get(name);
    }
  }
}
