package org.winbackhub.intake;

import java.util.Map;
import java.util.function.Function;

/**
 * Reads a query's delete marker ({@code deleted:} in the mapping) from each of its rows: a deleted
 * row is noted with why and not taken in as a record; a live one is noted as live, so that a record
 * the source undeleted comes back.
 */
final class DeletionMarker {
  private final SourceMapping.Deleted spec;
  private final String keyColumn;
  private final Function<Map<String, Object>, String> id;
  private final boolean events;

  private DeletionMarker(
      SourceMapping.Deleted spec,
      String keyColumn,
      Function<Map<String, Object>, String> id,
      boolean events) {
    this.spec = spec;
    this.keyColumn = keyColumn;
    this.id = id;
    this.events = events;
  }

  /** The marker of a contacts (or leads) query; null when it names none. */
  static DeletionMarker of(SourceMapping.ContactQuery q) {
    return q.deleted() == null
        ? null
        : new DeletionMarker(
            q.deleted(), q.key(), row -> JdbcValues.text(SqlRowMapper.column(row, q.key())), false);
  }

  /** The marker of an events query; null when it names none. */
  static DeletionMarker of(SourceMapping.EventQuery q) {
    return q.deleted() == null
        ? null
        : new DeletionMarker(
            q.deleted(),
            q.key(),
            row -> {
              String key = SqlRowMapper.key(row, q.key());
              return key == null ? null : q.eventId(key);
            },
            true);
  }

  /**
   * Notes {@code row} in {@code rows}; true when the source deleted it, so it is not a record to
   * take in.
   */
  boolean note(Map<String, Object> row, DeletedRows rows) {
    String why = spec.why(row);
    String key = id.apply(row);
    if (key == null) {
      if (why != null) {
        throw new InvalidFieldException(
            keyColumn, "missing: a deleted row needs its key to be applied");
      }
      return false; // taken in or rejected as any row
    }
    if (why == null) {
      if (events) {
        rows.eventLive(key);
      } else {
        rows.contactLive(key);
      }
      return false;
    }
    if (events) {
      rows.eventDeleted(key, why);
    } else {
      rows.contactDeleted(key, why);
    }
    return true;
  }
}
