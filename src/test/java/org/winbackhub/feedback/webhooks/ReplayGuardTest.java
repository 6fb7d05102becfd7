package org.winbackhub.feedback.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T09:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void a_key_is_refused_until_its_time_is_over() {
    var guard = new ReplayGuard(clock, 10);
    Instant until = now.get().plus(Duration.ofMinutes(5));
    assertThat(guard.firstSeen("a", until)).isTrue();
    assertThat(guard.firstSeen("a", until)).isFalse();
    now.set(until.plusSeconds(1));
    assertThat(guard.firstSeen("a", until.plusSeconds(300))).isTrue();
  }

  @Test
  void at_capacity_the_oldest_key_is_dropped_first() {
    var guard = new ReplayGuard(clock, 2);
    Instant until = now.get().plusSeconds(300);
    guard.firstSeen("a", until);
    guard.firstSeen("b", until);
    guard.firstSeen("c", until);
    assertThat(guard.firstSeen("b", until)).isFalse();
    assertThat(guard.firstSeen("a", until)).as("dropped to make room").isTrue();
  }

  @Test
  void keys_are_hashes_of_what_was_signed() {
    String key = ReplayGuard.keyOf("X-Webhook-Signature", "1780000000", "body".getBytes());
    assertThat(key).hasSize(64).doesNotContain("body");
    assertThat(ReplayGuard.keyOf("other", "1780000000", "body".getBytes())).isNotEqualTo(key);
    assertThat(ReplayGuard.keyOf("X-Webhook-Signature", "1780000001", "body".getBytes()))
        .isNotEqualTo(key);
  }
}
