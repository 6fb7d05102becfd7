package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rejected records as an operator reads them ({@code rejects}): counted by source and reason,
 * and the newest of them one by one. Open ones only (not yet taken in by a later run) unless asked.
 */
public final class RejectListing {
  private final Database db;

  public RejectListing(Database db) {
    this.db = db;
  }

  /** How often one reason refused a source's records, and when first and last. */
  public record ReasonCount(
      String source, String reason, long count, Instant first, Instant last) {}

  /** One rejected record; {@code resolvedAt} null while it is open. */
  public record Listed(
      String source,
      String location,
      Long lineNo,
      String recordKey,
      String reason,
      boolean recordKept,
      Instant at,
      Instant resolvedAt) {}

  /**
   * @param source one source, or null for all
   * @param withResolved also the ones a later run took in
   */
  public List<ReasonCount> byReason(String source, boolean withResolved) {
    return db.inTransaction(
        "count rejected records",
        c -> {
          List<ReasonCount> out = new ArrayList<>();
          try (PreparedStatement ps =
              prepare(
                  c,
                  "SELECT source, reason, COUNT(*), MIN(created_at), MAX(created_at) FROM"
                      + " rejected_record WHERE "
                      + WHERE
                      + " GROUP BY source, reason ORDER BY source, COUNT(*) DESC, reason",
                  source,
                  withResolved)) {
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new ReasonCount(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        Database.instant(rs.getObject(4)),
                        Database.instant(rs.getObject(5))));
              }
            }
          }
          return out;
        });
  }

  /** The newest {@code limit}, newest first. */
  public List<Listed> newest(String source, boolean withResolved, int limit) {
    return db.inTransaction(
        "read rejected records",
        c -> {
          List<Listed> out = new ArrayList<>();
          try (PreparedStatement ps =
              prepare(
                  c,
                  "SELECT source, location, line_no, record_key, reason, record_kept, created_at,"
                      + " resolved_at FROM rejected_record WHERE "
                      + WHERE
                      + " ORDER BY id DESC FETCH FIRST "
                      + Math.max(1, limit)
                      + " ROWS ONLY",
                  source,
                  withResolved)) {
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                long line = rs.getLong(3);
                out.add(
                    new Listed(
                        rs.getString(1),
                        rs.getString(2),
                        rs.wasNull() ? null : line,
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6),
                        Database.instant(rs.getObject(7)),
                        Database.instant(rs.getObject(8))));
              }
            }
          }
          return out;
        });
  }

  private static final String WHERE =
      "(CAST(? AS VARCHAR(64)) IS NULL OR source = ?) AND (? OR resolved_at IS NULL)";

  private static PreparedStatement prepare(
      Connection c, String sql, String source, boolean withResolved) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setString(1, source);
    ps.setString(2, source);
    ps.setBoolean(3, withResolved);
    return ps;
  }
}
