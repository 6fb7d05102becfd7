package org.winbackhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps PostgreSQL's planner statistics in step with a bulk load. A table that grows from empty
 * inside one long sync is never analyzed by autovacuum in time, and the planner then scans it whole
 * for every batch's lookups: the load slows down quadratically. After a table has grown by half
 * (and by at least 10,000 rows) since the last ANALYZE this process ran, it runs it again.
 */
public final class TableStatistics {
  private static final long MIN_GROWTH = 10_000;

  private final Database db;
  private final Map<String, long[]> tables =
      new ConcurrentHashMap<>(); // {rows since analyze, rows at analyze}

  public TableStatistics(Database db) {
    this.db = db;
  }

  /** Records that {@code table} grew by {@code rows}; analyzes it when that is worth it. */
  public void grew(String table, long rows) {
    if (rows <= 0 || !db.isPostgres()) {
      return;
    }
    long[] t = tables.computeIfAbsent(table, k -> new long[2]);
    boolean analyze;
    synchronized (t) {
      t[0] += rows;
      analyze = t[0] >= MIN_GROWTH && t[0] >= t[1] / 2;
      if (analyze) {
        t[1] += t[0];
        t[0] = 0;
      }
    }
    if (analyze) {
      try (Connection c = db.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("ANALYZE " + table);
      } catch (SQLException e) {
        throw StoreException.of("analyze " + table, e);
      }
    }
  }
}
