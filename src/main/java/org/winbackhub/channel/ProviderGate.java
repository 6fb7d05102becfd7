package org.winbackhub.channel;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Whether a provider may be sent to now: its circuit breaker (resilience4j; the channel route's
 * {@code circuitBreaker} EIP runs each call through it) and a pause the provider asked for (a 429
 * until its reset, refused credentials). A claim asks the gate first, so while the breaker is open
 * or the provider paused no row is claimed: messages stay PENDING and spend none of their attempts.
 * After {@code openFor} the next claim lets one call through (half-open); its success closes the
 * breaker. A gate of a provider that is not in use never opens.
 */
public final class ProviderGate {
  /** When the breaker opens: the share of failed calls among the last {@code window}. */
  public record Breaker(int failureRatePercent, int minimumCalls, int window, Duration openFor) {}

  private final String provider;
  private final boolean enabled;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final Duration openFor;
  private volatile Instant pausedUntil = Instant.MIN;
  private volatile String pauseReason;

  /**
   * {@code trouble} says which failures count against the provider (an unreachable server, a 5xx),
   * as opposed to those of one message (a refused recipient), which must not open the breaker; it
   * is given the exception as the route step threw it (Camel wraps it: look at the causes).
   */
  public ProviderGate(
      String provider, boolean enabled, Breaker b, Predicate<Throwable> trouble, Clock clock) {
    this.provider = provider;
    this.enabled = enabled;
    this.clock = clock;
    this.openFor = b.openFor();
    this.breaker =
        CircuitBreaker.of(
            provider,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(b.failureRatePercent())
                .minimumNumberOfCalls(b.minimumCalls())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(b.window(), b.minimumCalls()))
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(trouble::test)
                .build());
  }

  public String provider() {
    return provider;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /**
   * True when a claim may take messages for this provider: it is in use, not paused, and its
   * breaker lets a call through (an open breaker whose wait is over turns half-open here).
   */
  public boolean mayClaim() {
    if (!enabled || clock.instant().isBefore(pausedUntil)) {
      return false;
    }
    if (breaker.tryAcquirePermission()) {
      breaker.releasePermission(); // the call itself acquires its own
      return true;
    }
    return false;
  }

  /**
   * For a provider called outside a {@code circuitBreaker} EIP: true when one call may go now (in
   * use, not paused, and the breaker acquired a permission, which {@link #succeeded} or {@link
   * #failed} must give back).
   */
  public boolean tryCall() {
    return enabled && !clock.instant().isBefore(pausedUntil) && breaker.tryAcquirePermission();
  }

  /** The call {@link #tryCall} let through went. */
  public void succeeded() {
    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
  }

  /** The call {@link #tryCall} let through failed: counted when {@code trouble} says so. */
  public void failed(Throwable error) {
    breaker.onError(0, TimeUnit.NANOSECONDS, error);
  }

  /** When a provider shut now may be tried again: its pause's end, or the breaker's wait. */
  public Instant reopensAt() {
    Instant afterBreaker = clock.instant().plus(openFor);
    return pausedUntil.isAfter(afterBreaker) ? pausedUntil : afterBreaker;
  }

  /** No claims for this provider until {@code until}. */
  public void pause(Instant until, String why) {
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
    pauseReason = why;
  }

  /** What keeps the provider from being sent to now, for health and logs; empty when nothing. */
  public Optional<String> trouble() {
    if (!enabled) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isBefore(pausedUntil)) {
      return Optional.of("paused until " + pausedUntil + ": " + pauseReason);
    }
    CircuitBreaker.State state = breaker.getState();
    if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
      return Optional.of(
          "circuit breaker open: "
              + Math.round(breaker.getMetrics().getFailureRate())
              + "% of the last calls failed");
    }
    return Optional.empty();
  }

  public boolean enabled() {
    return enabled;
  }

  /** True when the call was refused by the open breaker, before anything was sent. */
  public static boolean refusedByBreaker(Throwable error) {
    return causedBy(error, CallNotPermittedException.class::isInstance);
  }

  /** Whether {@code error} or one of its causes matches (Camel wraps what a route step threw). */
  public static boolean causedBy(Throwable error, Predicate<Throwable> match) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (match.test(t)) {
        return true;
      }
    }
    return false;
  }
}
