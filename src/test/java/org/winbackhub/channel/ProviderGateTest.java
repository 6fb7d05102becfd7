package org.winbackhub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a provider may be sent to: its breaker and its pauses decide whether a claim is made. */
class ProviderGateTest {
  static final ProviderGate.Breaker BREAKER =
      new ProviderGate.Breaker(50, 2, 2, Duration.ofMillis(200));

  @Test
  void failures_of_the_provider_open_the_breaker_and_shut_the_gate_until_a_probe_succeeds()
      throws Exception {
    ProviderGate gate =
        new ProviderGate(
            "p",
            true,
            BREAKER,
            t -> ProviderGate.causedBy(t, IOException.class::isInstance),
            Clock.systemUTC());
    CircuitBreaker breaker = gate.breaker();
    breaker.onError(
        0,
        java.util.concurrent.TimeUnit.MILLISECONDS,
        new RuntimeException(new IOException("down")));
    breaker.onError(0, java.util.concurrent.TimeUnit.MILLISECONDS, new IOException("down"));
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(gate.mayClaim()).isFalse();
    assertThat(gate.trouble())
        .hasValueSatisfying(t -> assertThat(t).contains("circuit breaker open"));

    Thread.sleep(250); // open-for over: the next claim may make one call (half-open)
    assertThat(gate.mayClaim()).isTrue();
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    breaker.decorateRunnable(() -> {}).run();
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(gate.trouble()).isEmpty();
  }

  @Test
  void a_failure_of_one_message_does_not_count_against_the_provider() {
    ProviderGate gate =
        new ProviderGate(
            "p",
            true,
            BREAKER,
            t -> ProviderGate.causedBy(t, IOException.class::isInstance),
            Clock.systemUTC());
    for (int i = 0; i < 5; i++) {
      gate.breaker()
          .onError(
              0,
              java.util.concurrent.TimeUnit.MILLISECONDS,
              new IllegalArgumentException("bad address"));
    }
    assertThat(gate.mayClaim()).isTrue();
  }

  private static ProviderGate ioTrouble() {
    return new ProviderGate(
        "p",
        true,
        BREAKER,
        t -> ProviderGate.causedBy(t, IOException.class::isInstance),
        Clock.systemUTC());
  }

  @Test
  void a_pause_shuts_the_gate_until_its_time_and_a_provider_not_in_use_never_opens() {
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    Clock[] clock = {Clock.fixed(t0, ZoneOffset.UTC)};
    Clock moving =
        new Clock() {
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          public Instant instant() {
            return clock[0].instant();
          }
        };
    ProviderGate gate = new ProviderGate("p", true, BREAKER, t -> true, moving);
    gate.pause(t0.plusSeconds(60), "429 too many requests");
    assertThat(gate.mayClaim()).isFalse();
    assertThat(gate.trouble()).hasValueSatisfying(t -> assertThat(t).contains("429"));
    clock[0] = Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC);
    assertThat(gate.mayClaim()).isTrue();

    assertThat(new ProviderGate("q", false, BREAKER, t -> true, moving).mayClaim()).isFalse();
  }
}
