package org.winbackhub.channel.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Fields as an HTML form sends them ({@code application/x-www-form-urlencoded}, UTF-8): the body of
 * a form POST, or the query of a GET. Fields without a value are left out.
 */
public final class FormFields {
  private FormFields() {}

  public static String encode(Map<String, String> fields) {
    StringJoiner out = new StringJoiner("&");
    fields.forEach(
        (name, value) -> {
          if (value != null) {
            out.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return out.toString();
  }

  /** {@code url} with the signed report token added as its {@code t} parameter. */
  public static String withToken(String url, String token) {
    return url + (url.contains("?") ? "&" : "?") + "t=" + token;
  }
}
