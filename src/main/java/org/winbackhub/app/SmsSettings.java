package org.winbackhub.app;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SMS channel's settings (docs/CONFIGURATION.md, "SMS"): the provider whose sink Kamelet the
 * channel route sends through (empty: SMS off, the route is not loaded), the sender, the most
 * segments a message may have, how many are sent at once, and the HTTP client's timeouts.
 */
public record SmsSettings(
    String provider,
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
    if (!provider.isEmpty()
        && !SHIPPED.containsKey(provider)
        && !Files.isRegularFile(
            s.home().resolve("routes/kamelets/winback-" + provider + "-sms-sink.kamelet.yaml"))) {
      throw new IllegalArgumentException(
          "hub.sms.provider: expected one of "
              + String.join(", ", SHIPPED.keySet())
              + " (or NAME with a Kamelet routes/kamelets/winback-NAME-sms-sink.kamelet.yaml), got"
              + " '"
              + provider
              + "'");
    }
    for (String parameter : SHIPPED.getOrDefault(provider, List.of())) {
      requireKameletParameter(s, provider, parameter);
    }
    int maxSegments = s.integer("hub.sms.max-segments", DEFAULT_MAX_SEGMENTS, 1);
    if (maxSegments > 10) {
      throw new IllegalArgumentException(
          "hub.sms.max-segments: at most 10 (1,530 GSM-7 characters), got " + maxSegments);
    }
    return new SmsSettings(
        provider,
        provider.isEmpty() ? s.optional("hub.sms.from", "") : s.get("hub.sms.from"),
        maxSegments,
        s.integer("hub.sms.concurrency", 4, 1),
        s.duration("hub.sms.connect-timeout", "PT5S"),
        s.duration("hub.sms.read-timeout", "PT30S"));
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
