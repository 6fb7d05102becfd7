package org.winbackhub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/** Each run of a polled source: started, then finished with what it judged, or failed. */
public final class SourceRunRepository {
  /** A finished run that judged rows: its number, outcome (OK, DEGRADED), end and detail. */
  public record Judged(long id, String status, Instant finishedAt, String detail) {}

  private final Database db;

  public SourceRunRepository(Database db) {
    this.db = db;
  }

  /** Records a run of {@code source} as RUNNING; returns its number. */
  public long start(String source, String scope, Instant now) {
    return db.inTransaction(
        "record the start of a sync of " + source,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO source_run (source, scope, status, started_at) VALUES (?, ?,"
                      + " 'RUNNING', ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, source);
            ps.setString(2, scope);
            ps.setObject(3, Database.ts(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }

  /**
   * Records how a run ended: OK, DEGRADED or FAILED, with its counts and a detail (reasons, error).
   */
  public void finish(
      long id,
      String status,
      long read,
      long judged,
      long rejected,
      long resolved,
      String detail,
      Instant now) {
    db.inTransaction(
        "record the end of sync run " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE source_run SET status = ?, finished_at = ?, rows_read = ?, rows_judged ="
                      + " ?, rows_rejected = ?, resolved = ?, detail = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setObject(2, Database.ts(now));
            ps.setLong(3, read);
            ps.setLong(4, judged);
            ps.setLong(5, rejected);
            ps.setLong(6, resolved);
            ps.setString(7, RejectRepository.truncate(detail, 1000));
            ps.setLong(8, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The latest finished run of {@code source} that judged any row, other than {@code except}. */
  public Optional<Judged> lastJudged(String source, long except) {
    return db.inTransaction(
        "read the last judged sync of " + source,
        c ->
            Rows.first(
                c,
                "SELECT id, status, finished_at, detail FROM source_run WHERE source = ? AND id <>"
                    + " ? AND status IN ('OK', 'DEGRADED') AND rows_judged > 0 ORDER BY id DESC"
                    + " FETCH FIRST 1 ROWS ONLY",
                rs ->
                    new Judged(
                        rs.getLong(1),
                        rs.getString(2),
                        Database.instant(rs.getObject(3)),
                        rs.getString(4)),
                source,
                except));
  }
}
