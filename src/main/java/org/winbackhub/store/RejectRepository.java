package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.model.Rejection;

/** Input records that were not taken in, kept with the reason. */
public final class RejectRepository {
  private final Database db;

  public RejectRepository(Database db) {
    this.db = db;
  }

  public void add(Connection c, List<Rejection> rejections, Instant now) throws SQLException {
    if (rejections.isEmpty()) {
      return;
    }
    // the same record rejected for the same reason again (a re-read, a re-dropped file) is kept once
    String sql =
        "INSERT INTO rejected_record (source, location, line_no, record_key, reason, raw,"
            + " created_at, dedup_key, field, contact_key, record_kept) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Rejection r : rejections) {
        ps.setString(1, r.source());
        ps.setString(2, truncate(r.location(), 500));
        ps.setObject(3, r.lineNo());
        ps.setString(4, truncate(r.recordKey(), 200));
        ps.setString(5, truncate(r.reason(), 500));
        ps.setString(6, truncate(r.raw(), 2000));
        ps.setObject(7, Database.ts(now));
        ps.setString(8, dedupKey(r));
        ps.setString(9, truncate(r.field(), 100));
        ps.setString(10, truncate(r.contactKey(), 200));
        ps.setBoolean(11, r.recordKept());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  public void add(Rejection rejection, Instant now) {
    db.inTransaction(
        "store rejected record",
        c -> {
          add(c, List.of(rejection), now);
          return null;
        });
  }

  /** The newest {@code limit} rejections, in the order they were recorded. */
  public List<Rejection> latest(int limit) {
    return db.inTransaction(
        "read rejected records",
        c -> {
          List<Rejection> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM rejected_record j ORDER BY j.id DESC FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
          }
          java.util.Collections.reverse(out);
          return out;
        });
  }

  /** A rejection that concerns a contact, and when it was recorded. */
  public record Recorded(Rejection rejection, Instant at) {}

  /**
   * The newest {@code limit} rejections about a contact (or one merged into it): refused fields of
   * its records and refused events, matched by its references in each source.
   */
  public List<Recorded> forContact(long contactId, int limit) {
    return db.inTransaction(
        "read a contact's rejected records",
        c -> {
          List<Recorded> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(
              // from the contact's few references to their rejections (rejected_record_contact_ix)
              "SELECT " + COLUMNS + ", j.created_at FROM contact k JOIN source_ref r ON r.contact_id = k.id"
                  + " JOIN rejected_record j ON j.contact_key = r.external_id AND j.source = r.source"
                  + " WHERE k.id = ? OR k.merged_into = ? ORDER BY j.id DESC FETCH FIRST ? ROWS ONLY")) {
            ps.setLong(1, contactId);
            ps.setLong(2, contactId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Recorded(read(rs), Database.instant(rs.getObject(10))));
              }
            }
          }
          return out;
        });
  }

  private static final String COLUMNS =
      "j.source, j.location, j.line_no, j.record_key, j.field, j.reason, j.raw, j.contact_key, j.record_kept";

  private static Rejection read(ResultSet rs) throws SQLException {
    long line = rs.getLong(3);
    Long lineNo = rs.wasNull() ? null : line;
    return new Rejection(rs.getString(1), rs.getString(2), lineNo, rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getString(7), rs.getString(8), rs.getBoolean(9));
  }

  public long count() {
    return db.inTransaction("count rejected records", c -> Counts.single(c, "SELECT COUNT(*) FROM rejected_record"));
  }

  /** The line and record key, never null, as the unique index of V2 compares them. */
  static String dedupKey(Rejection r) {
    String key = truncate(r.recordKey(), 200);
    return (r.lineNo() == null ? "" : r.lineNo().toString()) + ":" + (key == null ? "" : key);
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
