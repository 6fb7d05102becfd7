package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.winbackhub.model.Rejection;

/** The input files taken in: each (source, checksum) once. */
public final class SourceFileRepository {
  private final Database db;

  public SourceFileRepository(Database db) {
    this.db = db;
  }

  /**
   * True when a file with this content was already taken in whole for this source. A file that
   * failed part-way is not: dropping it again takes it in again (its rows and rejections are
   * deduplicated).
   */
  public boolean seen(String source, String checksum) {
    return db.inTransaction(
        "look up source file",
        c ->
            Counts.single(
                    c,
                    "SELECT COUNT(*) FROM source_file WHERE source = ? AND checksum = ? AND status"
                        + " = 'DONE'",
                    source,
                    checksum)
                > 0);
  }

  /**
   * Records a finished file in the same transaction as its last batch; replaces the record of an
   * earlier try of the same content. {@code status} is DONE, EMPTY (no data lines) or FAILED;
   * {@code note} (may be null) says why a file is EMPTY or FAILED.
   */
  public void record(
      Connection c,
      String source,
      String fileName,
      String checksum,
      String status,
      long lines,
      long loaded,
      long rejected,
      String note,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE source_file SET file_name = ?, status = ?, lines_read = ?, loaded = ?, rejected"
                + " = ?, note = ?, processed_at = ? WHERE source = ? AND checksum = ?")) {
      ps.setString(1, RejectRepository.truncate(fileName, 300));
      ps.setString(2, status);
      ps.setLong(3, lines);
      ps.setLong(4, loaded);
      ps.setLong(5, rejected);
      ps.setString(6, RejectRepository.truncate(note, 500));
      ps.setObject(7, Database.ts(now));
      ps.setString(8, source);
      ps.setString(9, checksum);
      if (ps.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO source_file (source, file_name, checksum, status, lines_read, loaded,"
                + " rejected, note, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, source);
      ps.setString(2, RejectRepository.truncate(fileName, 300));
      ps.setString(3, checksum);
      ps.setString(4, status);
      ps.setLong(5, lines);
      ps.setLong(6, loaded);
      ps.setLong(7, rejected);
      ps.setString(8, RejectRepository.truncate(note, 500));
      ps.setObject(9, Database.ts(now));
      ps.executeUpdate();
    }
  }

  /**
   * Records a file that failed part-way as FAILED with what was read, loaded and rejected until
   * then, and keeps the reason as a file-level rejected record (no line), in one transaction.
   */
  public void recordFailed(
      String source,
      String fileName,
      String checksum,
      long lines,
      long loaded,
      long rejected,
      String reason,
      Instant now) {
    db.inTransaction(
        "record failed file " + fileName,
        c -> {
          record(c, source, fileName, checksum, "FAILED", lines, loaded, rejected, reason, now);
          new RejectRepository(db)
              .add(c, List.of(new Rejection(source, fileName, null, null, reason, null)), now);
          return null;
        });
  }
}
