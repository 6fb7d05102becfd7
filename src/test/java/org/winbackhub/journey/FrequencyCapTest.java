package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** At most two messages in seven days: a third waits, it is not dropped. */
class FrequencyCapTest {
  static final FrequencyCap TWO_A_WEEK = new FrequencyCap(2, Duration.ofDays(7));
  static final Instant MONDAY = Instant.parse("2026-06-01T09:00:00Z");

  static Instant day(int n) {
    return MONDAY.plus(Duration.ofDays(n));
  }

  @Test
  void a_first_and_second_message_go_when_due() {
    assertThat(TWO_A_WEEK.earliest(day(0), List.of())).isEqualTo(day(0));
    assertThat(TWO_A_WEEK.earliest(day(2), List.of(day(0)))).isEqualTo(day(2));
  }

  @Test
  void a_third_message_in_seven_days_waits_until_the_first_is_seven_days_old() {
    assertThat(TWO_A_WEEK.earliest(day(3), List.of(day(0), day(2)))).isEqualTo(day(7));
  }

  @Test
  void messages_already_planned_for_later_count_too() {
    // one sent on day 2, one waiting for day 6: a message due on day 1 would make three in a week
    Instant at = TWO_A_WEEK.earliest(day(1), List.of(day(2), day(6)));
    assertThat(at).isEqualTo(day(9));
    // exactly seven days after the first of three is allowed: no span of seven days holds all
    assertThat(TWO_A_WEEK.earliest(day(3), List.of(day(0), day(5)))).isEqualTo(day(7));
  }

  @Test
  void old_messages_do_not_count() {
    assertThat(TWO_A_WEEK.earliest(day(20), List.of(day(0), day(2), day(9)))).isEqualTo(day(20));
  }

  @Test
  void switched_off_it_never_delays() {
    assertThat(FrequencyCap.OFF.earliest(day(1), List.of(day(0), day(0), day(1))))
        .isEqualTo(day(1));
    assertThat(TWO_A_WEEK.toString()).isEqualTo("2 messages per 7 days");
  }
}
