package org.winbackhub.channel;

import java.time.Duration;
import java.time.Instant;

/** When to try a failed send again: exponential backoff, then give up. */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

  /** The time of the next try after {@code attempts} failed ones, or null to give up. */
  public Instant nextTry(int attempts, Instant now) {
    if (attempts >= maxAttempts) {
      return null;
    }
    long factor = 1L << Math.min(attempts - 1, 20);
    Duration delay = firstDelay.multipliedBy(factor);
    return now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
  }
}
