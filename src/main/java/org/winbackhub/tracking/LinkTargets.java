package org.winbackhub.tracking;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The named destinations tracked links may lead to ({@code hub.links.NAME=https://...}). A click
 * only ever redirects to one of these, never to a URL taken from the request: no open redirect.
 */
public final class LinkTargets {
  private final Map<String, URI> targets = new TreeMap<>();
  private final String publicUrl;

  /** {@code publicUrl} is where recipients reach the hub, e.g. https://hub.example.com. */
  public LinkTargets(String publicUrl, Map<String, String> links) {
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    links.forEach(
        (name, url) -> {
          URI uri = URI.create(url.trim());
          if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
              || uri.getHost() == null) {
            throw new IllegalArgumentException(
                "hub.links." + name + ": expected an http(s) URL, got '" + url + "'");
          }
          targets.put(name, uri);
        });
  }

  public Optional<URI> target(String name) {
    return Optional.ofNullable(targets.get(name));
  }

  public boolean has(String name) {
    return targets.containsKey(name);
  }

  /** The tracked URL a recipient clicks for {@code token}. */
  public String clickUrl(String token) {
    return publicUrl + "/t/c/" + token;
  }

  /** The short link a recipient clicks for a stored {@link ShortCode} (SMS). */
  public String shortUrl(String code) {
    return publicUrl + "/s/" + code;
  }

  /** The length of every short link, for counting an SMS before its codes exist. */
  public int shortUrlLength() {
    return shortUrl("").length() + ShortCode.LENGTH;
  }

  /** The one-click unsubscribe URL (RFC 8058) for an unsubscribe {@code token}. */
  public String unsubscribeUrl(String token) {
    return publicUrl + "/u/" + token;
  }

  /** True when recipients reach the hub over HTTPS, as RFC 8058 requires of the unsubscribe URL. */
  public boolean publicUrlIsHttps() {
    return publicUrl.regionMatches(true, 0, "https://", 0, 8);
  }
}
