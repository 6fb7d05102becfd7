package org.winbackhub.app;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.winbackhub.channel.ProviderGate;
import org.winbackhub.channel.RetryPolicy;
import org.winbackhub.channel.SendRate;

/**
 * A provider's rate limit and circuit breaker from its properties, the same keys under each
 * provider's prefix ({@code hub.smtp}, {@code hub.sendgrid}, and so for the SMS gateways): {@code
 * .rate-limit} (messages per second, 0 for none), {@code .breaker.failure-rate} (percent), {@code
 * .breaker.minimum-calls}, {@code .breaker.window} (calls) and {@code .breaker.open-for}.
 */
final class ProviderLimits {
  private ProviderLimits() {}

  /**
   * Backoff for a send that surely did not go: 30 s doubling to an hour, hub.outbox.max-attempts.
   */
  static RetryPolicy retry(Settings s) {
    return new RetryPolicy(
        s.integer("hub.outbox.max-attempts"), Duration.ofSeconds(30), Duration.ofHours(1));
  }

  static SendRate rate(Settings s, String prefix) {
    String key = prefix + ".rate-limit";
    String v = s.optional(key, "0").trim();
    try {
      double perSecond = Double.parseDouble(v);
      if (perSecond >= 0 && Double.isFinite(perSecond)) {
        return new SendRate(perSecond, System::nanoTime);
      }
    } catch (NumberFormatException e) {
      // told below
    }
    throw new IllegalArgumentException(
        "property " + key + ": expected messages per second (0 for no limit), got '" + v + "'");
  }

  static ProviderGate gate(
      Settings s,
      String prefix,
      String provider,
      boolean inUse,
      Predicate<Throwable> trouble,
      Clock clock) {
    String b = prefix + ".breaker.";
    int rate = s.integer(b + "failure-rate", 50, 1);
    if (rate > 100) {
      throw new IllegalArgumentException(
          "property " + b + "failure-rate: expected a percentage from 1 to 100, got " + rate);
    }
    return new ProviderGate(
        provider,
        inUse,
        new ProviderGate.Breaker(
            rate,
            s.integer(b + "minimum-calls", 10, 1),
            s.integer(b + "window", 20, 1),
            s.duration(b + "open-for", "PT30S")),
        trouble,
        clock);
  }
}
