package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Inserts many rows with one multi-row INSERT per chunk: one round trip per chunk on every driver,
 * generated keys in row order, and true inserted counts even with ON CONFLICT DO NOTHING (which
 * JDBC batches rewritten by the driver do not report).
 */
final class MultiRowInsert<T> {
  /** Binds one row's values starting at parameter {@code first}. */
  @FunctionalInterface
  interface Binder<T> {
    void bind(PreparedStatement ps, int first, T row) throws SQLException;
  }

  private static final int MAX_PARAMETERS = 30_000;
  // one statement text for every full chunk: the server prepares it once and plans it fast
  private static final int MAX_ROWS = 128;

  private final String head;
  private final String rowPlaceholders;
  private final String tail;
  private final int columns;
  private final Binder<T> binder;

  MultiRowInsert(String table, String columnList, int columns, String tail, Binder<T> binder) {
    this.head = "INSERT INTO " + table + " (" + columnList + ") VALUES ";
    this.rowPlaceholders = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    this.tail = tail == null ? "" : " " + tail;
    this.columns = columns;
    this.binder = binder;
  }

  /** Inserts the rows; returns how many were inserted. */
  int insert(Connection c, List<T> rows) throws SQLException {
    return run(c, rows, null);
  }

  /** Inserts the rows and returns their generated ids, in row order. */
  List<Long> insertReturningIds(Connection c, List<T> rows) throws SQLException {
    List<Long> ids = new ArrayList<>(rows.size());
    run(c, rows, ids);
    if (ids.size() != rows.size()) {
      throw new SQLException("expected " + rows.size() + " generated ids, got " + ids.size());
    }
    return ids;
  }

  private int run(Connection c, List<T> rows, List<Long> ids) throws SQLException {
    int chunk = Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / columns));
    int inserted = 0;
    for (int from = 0; from < rows.size(); from += chunk) {
      List<T> part = rows.subList(from, Math.min(rows.size(), from + chunk));
      String sql =
          head + String.join(", ", Collections.nCopies(part.size(), rowPlaceholders)) + tail;
      try (PreparedStatement ps =
          ids == null ? c.prepareStatement(sql) : c.prepareStatement(sql, new String[] {"id"})) {
        int p = 1;
        for (T row : part) {
          binder.bind(ps, p, row);
          p += columns;
        }
        inserted += ps.executeUpdate();
        if (ids != null) {
          try (ResultSet keys = ps.getGeneratedKeys()) {
            while (keys.next()) {
              ids.add(keys.getLong(1));
            }
          }
        }
      }
    }
    return inserted;
  }
}
