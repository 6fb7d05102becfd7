package org.winbackhub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * Compaction of an embedded H2 file store, the one way that cannot break the file.
 *
 * <p>H2 2.3.232 compacts by moving chunks towards the start of its file when the database closes,
 * and that move can break the file (docs/RELIABILITY.md); the hub's URL turns it off
 * (MAX_COMPACT_TIME=0, {@link StoreUrl}), so the file only grows. {@code SHUTDOWN COMPACT} compacts
 * another way: it closes the database as usual (nothing moved), then copies the live data into a
 * new file beside it and swaps it in with an atomic rename. A process killed during the copy leaves
 * the old file whole and a temporary file that H2 deletes at the next open.
 */
public final class H2Compaction {
  private H2Compaction() {}

  /**
   * How big the file is and how much of it is live data.
   *
   * @param liveShare percent of the file that live pages fill (H2's share of the file its chunks
   *     use, times the share of those chunks still live)
   */
  public record Measure(long fileBytes, int liveShare) {
    public long liveBytes() {
      return fileBytes * liveShare / 100;
    }

    /** Worth a rewrite: at least {@code minBytes} (negative: never) and under half of it live. */
    public boolean worthCompacting(long minBytes) {
      return minBytes >= 0 && fileBytes >= minBytes && liveShare < 50;
    }

    @Override
    public String toString() {
      return (fileBytes >> 20) + " MB, " + liveShare + "% live";
    }
  }

  /** The file's figures as H2 reports them; empty for a store that is not an H2 file. */
  public static Optional<Measure> measure(Connection c) throws SQLException {
    Map<String, String> info = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.FILL_RATE',"
                    + " 'info.CHUNKS_FILL_RATE')")) {
      while (rs.next()) {
        info.put(rs.getString(1), rs.getString(2));
      }
    }
    if (info.size() < 3) {
      return Optional.empty();
    }
    int used = Integer.parseInt(info.get("info.FILL_RATE"));
    int live = Integer.parseInt(info.get("info.CHUNKS_FILL_RATE"));
    return Optional.of(new Measure(Long.parseLong(info.get("info.FILE_SIZE")), used * live / 100));
  }

  /**
   * True when this connection's process holds the file (H2 runs in it), false when it reaches the
   * file through another process's server (automatic mixed mode) or is not H2 at all.
   */
  public static boolean holdsTheFile(Connection c) throws SQLException {
    return c.isWrapperFor(JdbcConnection.class)
        && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal;
  }

  /**
   * Closes the database for every connection and rewrites the file (SHUTDOWN COMPACT). The
   * connection, and every other connection to the store, is unusable afterwards.
   */
  public static void compact(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
  }
}
