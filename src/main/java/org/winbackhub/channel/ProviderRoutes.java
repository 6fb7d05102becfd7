package org.winbackhub.channel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.winbackhub.store.ClaimScope;

/**
 * Which provider of a channel carries a message ({@code hub.email.routes}, {@code hub.sms.routes}):
 * a journey's own provider ({@code winback-tier-3=sendgrid}: a separate sending stream for the
 * oldest addresses, so their bounces do not hurt the main one), else, for SMS, the provider of the
 * destination's calling code, the longest that matches ({@code +34=smpp}: a direct SMSC bind at
 * home, a gateway abroad), else the channel's default provider.
 */
public final class ProviderRoutes {
  private static final Pattern JOURNEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern PREFIX = Pattern.compile("\\+[1-9]\\d{0,5}");

  private final String defaultProvider;
  private final Map<String, String> byJourney;
  private final List<Map.Entry<String, String>> byPrefix;

  private ProviderRoutes(
      String defaultProvider,
      Map<String, String> byJourney,
      List<Map.Entry<String, String>> byPrefix) {
    this.defaultProvider = defaultProvider;
    this.byJourney = byJourney;
    this.byPrefix = byPrefix;
  }

  /** Every message to the default provider. */
  public static ProviderRoutes only(String defaultProvider) {
    return new ProviderRoutes(defaultProvider, Map.of(), List.of());
  }

  /**
   * Reads {@code text} of property {@code key}: comma-separated {@code JOURNEY=PROVIDER} and (with
   * {@code prefixes}) {@code +CALLING_CODE=PROVIDER}; each provider one of {@code known}.
   */
  public static ProviderRoutes parse(
      String key, String text, String defaultProvider, Set<String> known, boolean prefixes) {
    Map<String, String> journeys = new LinkedHashMap<>();
    List<Map.Entry<String, String>> codes = new ArrayList<>();
    for (String part : text == null ? new String[0] : text.split(",")) {
      String route = part.trim();
      if (route.isEmpty()) {
        continue;
      }
      int eq = route.indexOf('=');
      String from = eq < 0 ? route : route.substring(0, eq).trim();
      String to = eq < 0 ? "" : route.substring(eq + 1).trim();
      if (!known.contains(to)) {
        throw new IllegalArgumentException(
            "property "
                + key
                + ": route '"
                + route
                + "' names no provider; expected "
                + (prefixes ? "+CALLING_CODE=PROVIDER or " : "")
                + "JOURNEY=PROVIDER with PROVIDER one of "
                + String.join(", ", new TreeSet<>(known)));
      }
      if (prefixes && PREFIX.matcher(from).matches()) {
        codes.add(Map.entry(from, to));
      } else if (JOURNEY.matcher(from).matches()) {
        journeys.put(from, to);
      } else {
        throw new IllegalArgumentException(
            "property "
                + key
                + ": '"
                + from
                + "' is neither a journey id"
                + (prefixes ? " nor a calling code such as +34" : "")
                + " (in route '"
                + route
                + "')");
      }
    }
    codes.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    return new ProviderRoutes(defaultProvider, Map.copyOf(journeys), List.copyOf(codes));
  }

  public String defaultProvider() {
    return defaultProvider;
  }

  /** The provider of a message of {@code journeyId} to {@code recipient} (E.164 for SMS). */
  public String providerFor(String journeyId, String recipient) {
    String p = journeyId == null ? null : byJourney.get(journeyId);
    if (p != null) {
      return p;
    }
    if (recipient != null) {
      for (Map.Entry<String, String> code : byPrefix) {
        if (recipient.startsWith(code.getKey())) {
          return code.getValue();
        }
      }
    }
    return defaultProvider;
  }

  /** Every provider a message may be routed to. */
  public Set<String> providers() {
    Set<String> all = new TreeSet<>(byJourney.values());
    byPrefix.forEach(e -> all.add(e.getValue()));
    all.add(defaultProvider);
    return all;
  }

  /**
   * The messages {@code provider} claims when providers claim for themselves (by journey; email):
   * the default provider every journey's but those routed elsewhere, any other only its journeys.
   */
  public ClaimScope scopeOf(String provider) {
    boolean isDefault = provider.equals(defaultProvider);
    Set<String> routed = new TreeSet<>();
    byJourney.forEach(
        (journey, p) -> {
          // the default: those routed elsewhere (left out); another: those routed to it
          if (isDefault ? !p.equals(provider) : p.equals(provider)) {
            routed.add(journey);
          }
        });
    return isDefault ? ClaimScope.allBut(routed) : ClaimScope.only(routed);
  }
}
