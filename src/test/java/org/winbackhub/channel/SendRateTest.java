package org.winbackhub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A provider's messages per second, counted in messages whether they go one by one or batched. */
class SendRateTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void one_by_one_each_message_waits_for_its_share_of_a_second() {
    SendRate rate = new SendRate(10, now::get);
    assertThat(rate.reserve(1)).isZero();
    assertThat(rate.reserve(1)).isEqualTo(100_000_000L);
    assertThat(rate.reserve(1)).isEqualTo(200_000_000L);
    now.addAndGet(1_000_000_000L); // a quiet second: no debt is carried over
    assertThat(rate.reserve(1)).isZero();
  }

  @Test
  void a_batch_goes_at_once_and_the_next_send_waits_for_all_of_its_messages() {
    SendRate rate = new SendRate(100, now::get);
    assertThat(rate.reserve(1000)).isZero();
    assertThat(rate.reserve(1)).as("1,000 messages at 100/s").isEqualTo(10_000_000_000L);
  }

  @Test
  void zero_means_no_limit() {
    SendRate rate = new SendRate(0, now::get);
    assertThat(rate.reserve(1000)).isZero();
    assertThat(rate.reserve(1000)).isZero();
  }
}
