package org.winbackhub.app;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which names a management request may be addressed to (its Host header) and which pages may send
 * it (its Origin, or Referer). A browser page on another site, or one reached through a rebound DNS
 * name, is refused: only tools (no Origin) and pages served from an allowed name get through.
 */
final class AllowedHosts {
  private final Set<String> names;

  /** {@code names}: comma-separated host names or addresses, as in hub.management.allowed-hosts. */
  AllowedHosts(String names) {
    this.names =
        Arrays.stream(names.split(","))
            .map(AllowedHosts::normal)
            .filter(n -> !n.isEmpty())
            .collect(Collectors.toSet());
    if (this.names.isEmpty()) {
      throw new IllegalArgumentException(
          "hub.management.allowed-hosts: expected one or more host names, got '" + names + "'");
    }
  }

  /** Why a request with these headers is refused, or null when it may pass. */
  String refusal(String host, String origin, String referer) {
    if (host == null || !names.contains(normal(withoutPort(host)))) {
      return "Host '" + printable(host) + "' is not one of hub.management.allowed-hosts";
    }
    String page = origin != null ? origin : referer;
    if (page != null && !names.contains(normal(pageHost(page)))) {
      return (origin != null ? "Origin" : "Referer")
          + " '"
          + printable(page)
          + "' is not one of hub.management.allowed-hosts";
    }
    return null;
  }

  private static String pageHost(String page) {
    try {
      String host = URI.create(page.trim()).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String withoutPort(String host) {
    String h = host.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? "" : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static String normal(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.startsWith("[") && n.endsWith("]")) {
      n = n.substring(1, n.length() - 1);
    }
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static String printable(String s) {
    if (s == null) {
      return "";
    }
    String p = s.replaceAll("[^\\w.:/\\[\\]-]", "?");
    return p.length() > 100 ? p.substring(0, 100) + "..." : p;
  }
}
