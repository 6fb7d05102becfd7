package org.winbackhub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.winbackhub.store.Database;
import org.winbackhub.store.SenderRepository;
import org.winbackhub.store.TestStores;

/** When this process may claim outbox rows, and what it leaves behind when it stops. */
class SenderInstanceTest {
  final HikariDataSource ds = TestStores.h2();
  final AtomicLong nanos = new AtomicLong();
  final SenderInstance sender =
      new SenderInstance(
          new SenderRepository(new Database(ds)),
          "w1",
          Duration.ofSeconds(10),
          Clock.systemUTC(),
          nanos::get);

  @AfterEach
  void close() {
    ds.close();
  }

  @Test
  void claims_only_after_a_beat_and_while_the_last_one_is_within_the_lease() {
    assertThat(sender.mayClaim()).as("before its first beat").isFalse();
    assertThat(sender.beat().first()).isTrue();
    assertThat(sender.mayClaim()).isTrue();
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(sender.mayClaim())
        .as("no beat for longer than the lease: others may take its claims")
        .isFalse();
    assertThat(sender.beat().first()).isFalse();
    assertThat(sender.mayClaim()).isTrue();
  }

  @Test
  void a_stopping_sender_claims_no_more_and_releases_once() {
    assertThat(sender.release()).as("never beat: nothing to release").isEmpty();
    SenderInstance other =
        new SenderInstance(
            new SenderRepository(new Database(ds)),
            "w2",
            Duration.ofSeconds(10),
            Clock.systemUTC(),
            nanos::get);
    other.beat();
    other.stopClaiming();
    assertThat(other.mayClaim()).isFalse();
    assertThat(other.release()).hasValue(new SenderRepository.Released(0, 0, List.of("w2")));
    assertThat(other.release()).isEmpty();
    assertThat(other.beat().first()).as("released: no longer beats").isFalse();
  }
}
