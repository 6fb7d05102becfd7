package org.winbackhub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2025-03-14T10:00:00Z");
  private final RetryPolicy policy =
      new RetryPolicy(8, Duration.ofSeconds(30), Duration.ofMinutes(5));

  @Test
  void waits_the_first_delay_after_the_first_failure() {
    assertThat(policy.nextTry(1, NOW)).isEqualTo(NOW.plusSeconds(30));
  }

  @Test
  void doubles_the_wait_after_each_failure() {
    assertThat(policy.nextTry(2, NOW)).isEqualTo(NOW.plusSeconds(60));
    assertThat(policy.nextTry(3, NOW)).isEqualTo(NOW.plusSeconds(120));
    assertThat(policy.nextTry(4, NOW)).isEqualTo(NOW.plusSeconds(240));
  }

  @Test
  void never_waits_longer_than_the_max_delay() {
    assertThat(policy.nextTry(5, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(policy.nextTry(7, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
  }

  @Test
  void gives_up_after_max_attempts() {
    assertThat(policy.nextTry(8, NOW)).isNull();
    assertThat(policy.nextTry(9, NOW)).isNull();
  }

  @Test
  void caps_without_overflow_when_attempts_are_many() {
    RetryPolicy patient = new RetryPolicy(1000, Duration.ofSeconds(30), Duration.ofHours(1));

    assertThat(patient.nextTry(999, NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }
}
