package org.winbackhub.segment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.winbackhub.config.ConfigValueException;

/**
 * The moment a classification is made as of, when it is not now: a day (its end in the policy's
 * zone, so the whole day's events count) or an exact ISO-8601 time with an offset.
 */
public final class AsOf {
  private AsOf() {}

  /** The moment of {@code text}: {@code 2025-06-30} is 2025-07-01T00:00 in {@code zone}. */
  public static Instant parse(String text, ZoneId zone) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).plusDays(1).atStartOfDay(zone).toInstant();
      }
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new ConfigValueException(
          "as-of: expected a day such as 2025-06-30 or a time such as 2025-06-30T18:00:00+02:00,"
              + " got '"
              + text
              + "'");
    }
  }

  /** A clock that stands still at {@code text}'s moment. */
  public static Clock clock(String text, ZoneId zone) {
    return Clock.fixed(parse(text, zone), ZoneOffset.UTC);
  }
}
