package org.winbackhub.intake;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.winbackhub.model.Consent;

/** Reads the values JDBC drivers hand back (each its own way) as the hub's types. */
public final class JdbcValues {
  private JdbcValues() {}

  /**
   * Whether a result column holds instants (SQL {@code TIMESTAMP WITH TIME ZONE}), to be read as
   * {@link OffsetDateTime}. pgJDBC reports {@code timestamptz} as {@code Types.TIMESTAMP}, so its
   * type name is checked too.
   */
  public static boolean hasTimeZone(int jdbcType, String typeName) {
    return jdbcType == Types.TIMESTAMP_WITH_TIMEZONE
        || "timestamptz".equalsIgnoreCase(typeName)
        || "timestamp with time zone".equalsIgnoreCase(typeName);
  }

  static String text(Object v) {
    if (v == null) {
      return null;
    }
    String s = v.toString().trim();
    return s.isEmpty() ? null : s;
  }

  /** A point in time; values without a zone are read in {@code zone}. */
  static Instant instant(Object v, ZoneId zone, String column) {
    if (v == null) {
      return null;
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().atZone(zone).toInstant();
    }
    if (v instanceof LocalDateTime l) {
      return l.atZone(zone).toInstant();
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (v instanceof Date d) {
      return d.toLocalDate().atStartOfDay(zone).toInstant();
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay(zone).toInstant();
    }
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof String text) {
      return instant(text.trim(), zone, column);
    }
    throw new InvalidFieldException(
        column, "expected a date or timestamp, got a " + v.getClass().getSimpleName());
  }

  /**
   * ISO-8601 text as APIs send it: with an offset ({@code 2024-05-01T10:00:00.000+0000} as
   * Salesforce writes it, {@code Z}, {@code +02:00}), a local date-time, or a date; those without
   * an offset are read in {@code zone}.
   */
  private static Instant instant(String text, ZoneId zone, String column) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      TemporalAccessor t =
          ISO.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (t instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      if (t instanceof LocalDateTime l) {
        return l.atZone(zone).toInstant();
      }
      return ((LocalDate) t).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          column, "expected an ISO-8601 date or timestamp", FieldRules.shown(text));
    }
  }

  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  static BigDecimal decimal(Object v, String column) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal b) {
      return b;
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    try {
      return new BigDecimal(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(column, "expected a number", FieldRules.shown(v.toString()));
    }
  }

  static final String OPT_OUT_VALUES = "expected an opt-out flag (true/false, 1/0, Y/N)";

  /** An opt-out flag: true, 1, Y, yes mean opted out; false, 0, N, no mean opted in. */
  static Consent optOut(Object v, String column) {
    if (v == null) {
      return Consent.UNKNOWN;
    }
    if (v instanceof Boolean b) {
      return b ? Consent.OPTED_OUT : Consent.GRANTED;
    }
    if (v instanceof Number n) {
      return n.intValue() != 0 ? Consent.OPTED_OUT : Consent.GRANTED;
    }
    return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
      case "1", "true", "t", "y", "yes", "si", "sí" -> Consent.OPTED_OUT;
      case "0", "false", "f", "n", "no", "" -> Consent.GRANTED;
      default ->
          throw new InvalidFieldException(column, OPT_OUT_VALUES, FieldRules.shown(v.toString()));
    };
  }
}
