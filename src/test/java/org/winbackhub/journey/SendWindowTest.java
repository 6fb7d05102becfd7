package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.winbackhub.config.ConfigValueException;

/**
 * Quiet hours in the recipient's own clock, on ordinary days and across daylight-saving changes.
 */
class SendWindowTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final SendWindow SMS = SendWindow.parse("sms");

  @Test
  void a_moment_inside_the_window_goes_at_once() {
    Instant noon = Instant.parse("2026-06-10T10:00:00Z"); // 12:00 in Madrid
    assertThat(SMS.next(noon, MADRID)).isEqualTo(noon);
  }

  @Test
  void late_evening_waits_for_eight_the_next_morning_and_early_morning_for_eight_that_day() {
    assertThat(SMS.next(Instant.parse("2026-06-10T19:30:00Z"), MADRID)) // 21:30 CEST
        .isEqualTo(Instant.parse("2026-06-11T06:00:00Z")); // 08:00 CEST
    assertThat(SMS.next(Instant.parse("2026-06-10T04:00:00Z"), MADRID)) // 06:00 CEST
        .isEqualTo(Instant.parse("2026-06-10T06:00:00Z"));
    assertThat(SMS.next(Instant.parse("2026-06-10T19:00:00Z"), MADRID)) // 21:00: the end is out
        .isEqualTo(Instant.parse("2026-06-11T06:00:00Z"));
  }

  @Test
  void the_night_the_clocks_go_forward_in_madrid_the_morning_opens_at_eight_summer_time() {
    // Saturday 28 March 2026, 22:30 CET; at 02:00 on Sunday the clocks jump to 03:00 CEST
    Instant saturdayNight = Instant.parse("2026-03-28T21:30:00Z");
    assertThat(SMS.next(saturdayNight, MADRID))
        .as("08:00 CEST is 06:00 UTC, an hour earlier than the day before")
        .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
  }

  @Test
  void the_night_the_clocks_go_back_in_madrid_the_morning_opens_at_eight_winter_time() {
    // Saturday 24 October 2026, 22:00 CEST; at 03:00 on Sunday the clocks go back to 02:00 CET
    Instant saturdayNight = Instant.parse("2026-10-24T20:00:00Z");
    assertThat(SMS.next(saturdayNight, MADRID)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
  }

  @Test
  void a_window_opening_inside_the_spring_gap_opens_when_the_clock_reaches_it() {
    SendWindow early = SendWindow.parse("02:30-05:00");
    assertThat(early.next(Instant.parse("2026-03-28T23:00:00Z"), MADRID)) // 00:00 CET
        .as("02:30 does not exist that night: the window opens at 03:30 CEST")
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void a_window_may_run_over_midnight() {
    SendWindow night = SendWindow.parse("22:00-06:00");
    assertThat(night.next(Instant.parse("2026-06-10T23:00:00Z"), MADRID)) // 01:00 CEST
        .isEqualTo(Instant.parse("2026-06-10T23:00:00Z"));
    assertThat(night.next(Instant.parse("2026-06-10T10:00:00Z"), MADRID)) // noon
        .isEqualTo(Instant.parse("2026-06-10T20:00:00Z"));
  }

  @Test
  void presets_explicit_hours_and_any() {
    assertThat(SendWindow.parse("daytime").toString()).isEqualTo("09:00-20:00");
    assertThat(SendWindow.parse("8:00 - 21:00").toString()).isEqualTo("08:00-21:00");
    assertThat(SendWindow.parse("any").isAny()).isTrue();
    Instant night = Instant.parse("2026-06-10T01:00:00Z");
    assertThat(SendWindow.ANY.next(night, MADRID)).isEqualTo(night);
    assertThatThrownBy(() -> SendWindow.parse("25:00-26:00"))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageContaining("window: expected sms (08:00-21:00)");
    assertThatThrownBy(() -> SendWindow.parse("mornings")).hasMessageContaining("'mornings'");
  }
}
