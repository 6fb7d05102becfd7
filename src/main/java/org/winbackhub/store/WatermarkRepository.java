package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Where each incremental source stream stopped reading; written with the batch it covers. */
public final class WatermarkRepository {
  private final Database db;

  public WatermarkRepository(Database db) {
    this.db = db;
  }

  public Optional<String> get(String stream) {
    return db.inTransaction(
        "read watermark",
        c ->
            Rows.first(
                c,
                "SELECT watermark FROM source_watermark WHERE source = ?",
                rs -> rs.getString(1),
                stream));
  }

  /** Sets the watermark in the caller's transaction, so it moves only with the rows it covers. */
  public void set(Connection c, String stream, String watermark, Instant now) throws SQLException {
    try (PreparedStatement up =
        c.prepareStatement(
            "UPDATE source_watermark SET watermark = ?, updated_at = ? WHERE source = ?")) {
      up.setString(1, watermark);
      up.setObject(2, Database.ts(now));
      up.setString(3, stream);
      if (up.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO source_watermark (source, watermark, updated_at) VALUES (?, ?, ?)")) {
      ins.setString(1, stream);
      ins.setString(2, watermark);
      ins.setObject(3, Database.ts(now));
      ins.executeUpdate();
    }
  }
}
