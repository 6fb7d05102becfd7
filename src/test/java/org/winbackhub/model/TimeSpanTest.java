package org.winbackhub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeSpanTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  @Test
  void calendar_spans_count_calendar_months_across_a_clock_change() {
    Instant afterDst = Instant.parse("2026-04-15T10:00:00Z"); // 12:00 summer time in Madrid
    Instant threeMonthsBefore = TimeSpan.parse("P3M").before(afterDst, MADRID);
    assertThat(threeMonthsBefore.atZone(MADRID).toLocalDateTime().toString())
        .isEqualTo("2026-01-15T12:00");
  }

  @Test
  void clock_spans_count_exact_hours() {
    assertThat(TimeSpan.parse("PT36H").after(Instant.parse("2026-03-28T12:00:00Z"), MADRID))
        .isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
  }

  @Test
  void words_and_negative_spans_are_refused() {
    assertThatThrownBy(() -> TimeSpan.parse("3 months")).hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> TimeSpan.parse("-P3M")).hasMessageContaining("positive");
    assertThatThrownBy(() -> TimeSpan.parse("")).hasMessageContaining("got nothing");
  }
}
