package org.winbackhub.app;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

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

  /** The providers the hub ships a sink Kamelet for. */
  static final List<String> SHIPPED = List.of("twilio", "kannel", "http-json");

  public static final int DEFAULT_MAX_SEGMENTS = 3;

  boolean enabled() {
    return !provider.isEmpty();
  }

  public static SmsSettings of(Settings s) {
    String provider = s.optional("hub.sms.provider", "").trim();
    if (!provider.isEmpty()
        && !SHIPPED.contains(provider)
        && !Files.isRegularFile(
            s.home().resolve("routes/kamelets/winback-" + provider + "-sms-sink.kamelet.yaml"))) {
      throw new IllegalArgumentException(
          "hub.sms.provider: expected one of "
              + String.join(", ", SHIPPED)
              + " (or NAME with a Kamelet routes/kamelets/winback-NAME-sms-sink.kamelet.yaml), got"
              + " '"
              + provider
              + "'");
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
}
