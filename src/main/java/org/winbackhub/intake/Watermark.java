package org.winbackhub.intake;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The change marker a sync stopped at, kept as text in the store. Remembers whether the source
 * column holds local timestamps or instants, so it is bound back the way the source compares it.
 */
public record Watermark(LocalDateTime local, Instant instant) {
  /** No read yet: the stream's first read is a full load. */
  public static final Watermark START = new Watermark(LocalDateTime.of(1900, 1, 1, 0, 0), null);

  /**
   * A full load ran and found no rows: later reads are incremental (from the beginning of time,
   * which an empty stream makes cheap), not full loads again.
   */
  static final Watermark LOADED_EMPTY = new Watermark(null, Instant.parse("1900-01-01T00:00:00Z"));

  static Watermark of(Object jdbcValue, String column) {
    if (jdbcValue instanceof Timestamp t) {
      return new Watermark(t.toLocalDateTime(), null);
    }
    if (jdbcValue instanceof LocalDateTime l) {
      return new Watermark(l, null);
    }
    if (jdbcValue instanceof OffsetDateTime o) {
      return new Watermark(null, o.toInstant());
    }
    if (jdbcValue instanceof Instant i) {
      return new Watermark(null, i);
    }
    if (jdbcValue instanceof String text && !text.isBlank()) {
      // API sources (Salesforce, shops) hand their change markers over as ISO-8601 text
      return new Watermark(null, JdbcValues.instant(text, ZoneOffset.UTC, column));
    }
    throw new InvalidFieldException(
        column,
        "the change marker must be a timestamp, got "
            + (jdbcValue == null ? "nothing" : jdbcValue.getClass().getSimpleName()));
  }

  public static Watermark parse(String stored) {
    if (stored.startsWith("local:")) {
      return new Watermark(LocalDateTime.parse(stored.substring(6)), null);
    }
    if (stored.startsWith("instant:")) {
      return new Watermark(null, Instant.parse(stored.substring(8)));
    }
    throw new IllegalStateException("unreadable watermark '" + stored + "'");
  }

  public String stored() {
    return local != null ? "local:" + local : "instant:" + instant;
  }

  /** The value a JDBC source compares its change marker with. */
  public Object bindValue() {
    return local != null ? local : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * The watermark as a SOQL dateTime literal (UTC, whole seconds, rounded down so that a {@code >=}
   * filter re-reads rather than skips the marker's own second).
   */
  public String soqlLiteral() {
    return toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  Watermark minus(Duration overlap) {
    return local != null
        ? new Watermark(local.minus(overlap), null)
        : new Watermark(null, instant.minus(overlap));
  }

  boolean isAfter(Watermark other) {
    if (other == null) {
      return true;
    }
    return local != null && other.local != null
        ? local.isAfter(other.local)
        : toInstant().isAfter(other.toInstant());
  }

  private Instant toInstant() {
    return local != null ? local.toInstant(ZoneOffset.UTC) : instant;
  }
}
