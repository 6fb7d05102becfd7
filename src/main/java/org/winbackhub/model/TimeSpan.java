package org.winbackhub.model;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * An ISO-8601 span of time as written in configuration: calendar spans ("P3M", "P1Y", "P30D") count
 * in calendar units in a time zone; clock spans ("PT12H") count exact seconds.
 */
public record TimeSpan(String text, Period period, Duration duration) {

  /**
   * Parses "P3M", "P2W", "P1Y6M", "PT36H"; throws IllegalArgumentException with the expected form.
   */
  public static TimeSpan parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "expected an ISO-8601 duration such as P3M or PT12H, got nothing");
    }
    String t = text.trim().toUpperCase(Locale.ROOT);
    try {
      if (t.contains("T")) {
        Duration d = Duration.parse(t);
        if (d.isNegative()) {
          throw new IllegalArgumentException("expected a positive duration, got '" + text + "'");
        }
        return new TimeSpan(t, null, d);
      }
      Period p = Period.parse(t);
      if (p.isNegative()) {
        throw new IllegalArgumentException("expected a positive duration, got '" + text + "'");
      }
      return new TimeSpan(t, p, null);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected an ISO-8601 duration such as P3M, P30D or PT12H, got '" + text + "'");
    }
  }

  public Instant before(Instant instant, ZoneId zone) {
    return period != null
        ? instant.atZone(zone).minus(period).toInstant()
        : instant.minus(duration);
  }

  public Instant after(Instant instant, ZoneId zone) {
    return period != null ? instant.atZone(zone).plus(period).toInstant() : instant.plus(duration);
  }

  /** True when this span is longer than {@code other}, measured back from {@code now}. */
  public boolean longerThan(TimeSpan other, Instant now, ZoneId zone) {
    return before(now, zone).isBefore(other.before(now, zone));
  }

  @Override
  public String toString() {
    return text;
  }
}
