package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** The input files taken in: each (source, checksum) once. */
public final class SourceFileRepository {
  private final Database db;

  public SourceFileRepository(Database db) {
    this.db = db;
  }

  /** True when a file with this content was already taken in for this source. */
  public boolean seen(String source, String checksum) {
    return db.inTransaction(
        "look up source file",
        c ->
            Counts.single(
                    c,
                    "SELECT COUNT(*) FROM source_file WHERE source = ? AND checksum = ?",
                    source,
                    checksum)
                > 0);
  }

  /** Records a finished file in the same transaction as its last batch. */
  public void record(
      Connection c,
      String source,
      String fileName,
      String checksum,
      String status,
      long lines,
      long loaded,
      long rejected,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO source_file (source, file_name, checksum, status, lines_read, loaded,"
                + " rejected, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, source);
      ps.setString(2, RejectRepository.truncate(fileName, 300));
      ps.setString(3, checksum);
      ps.setString(4, status);
      ps.setLong(5, lines);
      ps.setLong(6, loaded);
      ps.setLong(7, rejected);
      ps.setObject(8, Database.ts(now));
      ps.executeUpdate();
    }
  }
}
