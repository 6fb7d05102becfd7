package org.winbackhub.app;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.winbackhub.channel.ProviderRoutes;

/**
 * The SMS channel's settings (docs/CONFIGURATION.md, "SMS"): the provider whose sink Kamelet the
 * channel route sends through (empty: SMS off, the route is not loaded), the routes that send some
 * journeys or calling codes through other providers ({@code hub.sms.routes}), the sender, the most
 * segments a message may have, how many are sent at once, and the HTTP client's timeouts.
 */
public record SmsSettings(
    String provider,
    ProviderRoutes routes,
    String from,
    int maxSegments,
    int concurrency,
    Duration connectTimeout,
    Duration readTimeout) {

  /** The providers the hub ships a sink Kamelet for, and the parameters each requires. */
  static final Map<String, List<String>> SHIPPED =
      new TreeMap<>(
          Map.of(
              "twilio", List.of("accountSid", "authToken"),
              "kannel", List.of("baseUrl", "username", "password"),
              "http-json", List.of("url"),
              // its session's settings are the app's, not the Kamelet's (SmppSettings)
              "smpp", List.of()));

  public static final int DEFAULT_MAX_SEGMENTS = 3;

  boolean enabled() {
    return !provider.isEmpty();
  }

  public static SmsSettings of(Settings s) {
    String provider = s.optional("hub.sms.provider", "").trim();
    requireKnown(s, "hub.sms.provider", provider);
    ProviderRoutes routes = ProviderRoutes.only(provider);
    String routing = s.optional("hub.sms.routes", "");
    if (!routing.isBlank()) {
      if (provider.isEmpty()) {
        throw new IllegalArgumentException(
            "hub.sms.routes is set, but hub.sms.provider is empty: set the default SMS provider"
                + " first");
      }
      Set<String> known = new TreeSet<>(SHIPPED.keySet());
      for (String part : routing.split(",")) {
        String to = part.substring(part.indexOf('=') + 1).trim();
        if (!to.isEmpty() && requireKnown(s, "hub.sms.routes", to)) {
          known.add(to);
        }
      }
      routes = ProviderRoutes.parse("hub.sms.routes", routing, provider, known, true);
    }
    for (String p : routes.providers()) {
      for (String parameter : SHIPPED.getOrDefault(p, List.of())) {
        requireKameletParameter(s, p, parameter);
      }
    }
    int maxSegments = s.integer("hub.sms.max-segments", DEFAULT_MAX_SEGMENTS, 1);
    if (maxSegments > 10) {
      throw new IllegalArgumentException(
          "hub.sms.max-segments: at most 10 (1,530 GSM-7 characters), got " + maxSegments);
    }
    return new SmsSettings(
        provider,
        routes,
        provider.isEmpty() ? s.optional("hub.sms.from", "") : s.get("hub.sms.from"),
        maxSegments,
        s.integer("hub.sms.concurrency", 4, 1),
        s.duration("hub.sms.connect-timeout", "PT5S"),
        s.duration("hub.sms.read-timeout", "PT30S"));
  }

  /**
   * True when {@code provider} is a shipped provider or has its own sink Kamelet; false when empty;
   * throws naming {@code key} otherwise.
   */
  private static boolean requireKnown(Settings s, String key, String provider) {
    if (provider.isEmpty()) {
      return false;
    }
    if (SHIPPED.containsKey(provider)
        || Files.isRegularFile(
            s.home().resolve("routes/kamelets/winback-" + provider + "-sms-sink.kamelet.yaml"))) {
      return true;
    }
    throw new IllegalArgumentException(
        key
            + ": expected one of "
            + String.join(", ", SHIPPED.keySet())
            + " (or NAME with a Kamelet routes/kamelets/winback-NAME-sms-sink.kamelet.yaml), got"
            + " '"
            + provider
            + "'");
  }

  /** The error of a required setting {@code key} of {@code provider} left empty. */
  static IllegalArgumentException missing(String provider, String key, String note) {
    return new IllegalArgumentException(
        "hub.sms.provider is "
            + provider
            + ", but "
            + key
            + " is empty (set it in config/application.properties or as env "
            + Settings.envName(key)
            + note
            + ")");
  }

  /** A parameter the provider's Kamelet requires is set (from hub.sms.PROVIDER.* as shipped). */
  private static void requireKameletParameter(Settings s, String provider, String parameter) {
    String kamelet = "camel.kamelet.winback-" + provider + "-sms-sink." + parameter;
    if (!s.optional(kamelet, "").isBlank()) {
      return;
    }
    String key =
        "hub.sms."
            + provider
            + "."
            + parameter.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    throw missing(provider, key, "; it is the Kamelet's " + kamelet);
  }
}
