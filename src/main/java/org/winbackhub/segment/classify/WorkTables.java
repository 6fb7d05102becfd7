package org.winbackhub.segment.classify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.segment.classify.SegmentSql.IdRange;
import org.winbackhub.store.Database;

/**
 * The statements of a segment run over its work tables: the contacts to recompute (segment_dirty),
 * the stays taken out of contact_fact (segment_prev), staged facts (segment_agg), and the history
 * written from the difference (segment_membership).
 */
final class WorkTables {
  private final boolean postgres;
  private final Instant now;

  /** On PostgreSQL or not; {@code now}: the moment of the run, when the stays that end are left. */
  WorkTables(boolean postgres, Instant now) {
    this.postgres = postgres;
    this.now = now;
  }

  void markDirty(Connection c, Instant since) throws SQLException {
    clear(c, "segment_dirty");
    execute(
        c,
        "INSERT INTO segment_dirty (contact_id) SELECT COALESCE(k.merged_into, k.id) FROM"
            + " contact_event e JOIN contact k ON k.id = e.contact_id WHERE e.recorded_at > ? UNION"
            + " SELECT id FROM contact WHERE updated_at > ? UNION SELECT survivor_id FROM"
            + " contact_merge WHERE merged_at > ? OR undone_at > ? UNION SELECT merged_id FROM"
            + " contact_merge WHERE merged_at > ? OR undone_at > ?",
        since,
        since,
        since,
        since,
        since,
        since);
    if (postgres) {
      execute(
          c,
          "ANALYZE segment_dirty"); // so the planner reads the few dirty contacts' events by index
    }
  }

  /**
   * Takes the rows {@code where} selects out of contact_fact, keeping their current stays in
   * segment_prev for the history and for the stays that go on; returns how many. On PostgreSQL in
   * one statement, so each row is visited once.
   */
  int takeStays(Connection c, String where, Object... params) throws SQLException {
    String stay = "contact_id, lifecycle, lifecycle_reason, lifecycle_since";
    if (postgres) {
      return execute(
          c,
          "WITH gone AS (DELETE FROM contact_fact WHERE "
              + where
              + " RETURNING "
              + stay
              + ")"
              + " INSERT INTO segment_prev ("
              + stay
              + ") SELECT "
              + stay
              + " FROM gone",
          params);
    }
    int kept =
        execute(
            c,
            "INSERT INTO segment_prev ("
                + stay
                + ") SELECT "
                + stay
                + " FROM contact_fact WHERE "
                + where,
            params);
    execute(c, "DELETE FROM contact_fact WHERE " + where, params);
    return kept;
  }

  /**
   * The facts {@code insert} gives, in segment_agg (emptied first), to be classified as
   * Scope.STAGED.
   */
  void stage(Connection c, String insert) throws SQLException {
    clear(c, "segment_agg");
    execute(c, insert);
  }

  /**
   * Writes, in the history, the end of each kept stay (in {@code range}, or all) whose contact is
   * now in another segment, was merged away or archived, and forgets the kept stays; returns how
   * many ended.
   */
  int closeStays(Connection c, IdRange range) throws SQLException {
    int closed =
        execute(
            c,
            "INSERT INTO segment_membership (contact_id, lifecycle, reason, entered_at, left_at,"
                + " left_reason) SELECT p.contact_id, p.lifecycle, p.lifecycle_reason,"
                + " p.lifecycle_since, ?, CASE WHEN f.contact_id IS NULL THEN COALESCE((SELECT"
                + " 'archived: ' || k.archive_reason FROM contact k WHERE k.id = p.contact_id AND"
                + " k.archived_at IS NOT NULL AND k.merged_into IS NULL), 'merged into another"
                + " contact') ELSE 'moved to ' || f.lifecycle || ': ' || f.lifecycle_reason END"
                + " FROM segment_prev p LEFT JOIN contact_fact f ON f.contact_id = p.contact_id"
                + " WHERE (f.contact_id IS NULL OR f.lifecycle <> p.lifecycle)"
                + IdRange.within(range, "p.contact_id"),
            now);
    if (range == null) {
      clear(c, "segment_prev");
    } else {
      execute(c, "DELETE FROM segment_prev WHERE TRUE" + IdRange.within(range, "contact_id"));
    }
    return closed;
  }

  /**
   * Empties a work table: TRUNCATE on PostgreSQL (transactional there, and free of dead rows);
   * DELETE on H2, where TRUNCATE commits.
   */
  void clear(Connection c, String table) throws SQLException {
    execute(c, (postgres ? "TRUNCATE " : "DELETE FROM ") + table);
  }

  static List<Long> ids(Connection c, String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  static int execute(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i] instanceof Instant t ? Database.ts(t) : params[i]);
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }
}
