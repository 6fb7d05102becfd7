package org.winbackhub.intake.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.winbackhub.intake.JdbcValues;
import org.winbackhub.intake.RowSource;
import org.winbackhub.intake.Watermark;

/**
 * Rows of a SQL source, streamed: a read-only transaction with a fetch size, so a table of millions
 * of rows is read in bounded memory. {@code :watermark} in a query is bound as a parameter.
 */
public final class JdbcRowSource implements RowSource {
  private static final Pattern WATERMARK = Pattern.compile("(?<!:):watermark\\b");
  private static final int FETCH = 2000;

  private final String sourceId;
  private final DataSource source;

  public JdbcRowSource(String sourceId, DataSource source) {
    this.sourceId = sourceId;
    this.source = source;
  }

  @Override
  public void read(String query, Watermark from, Rows rows) {
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (PreparedStatement ps = prepare(c, query, from, "")) {
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData meta = rs.getMetaData();
          String[] labels = new String[meta.getColumnCount()];
          boolean[] withZone = new boolean[labels.length];
          for (int i = 0; i < labels.length; i++) {
            labels[i] = meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
            withZone[i] =
                JdbcValues.hasTimeZone(meta.getColumnType(i + 1), meta.getColumnTypeName(i + 1));
          }
          while (rs.next()) {
            Map<String, Object> row = new HashMap<>(labels.length * 2);
            for (int i = 0; i < labels.length; i++) {
              // an instant column read as an instant: a java.sql.Timestamp would pass through the
              // JVM's zone and shift by its offset from the hub's
              row.put(
                  labels[i],
                  withZone[i] ? rs.getObject(i + 1, OffsetDateTime.class) : rs.getObject(i + 1));
            }
            rows.accept(row);
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("source " + sourceId + " query failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long count(String query, Watermark from) {
    try (Connection c = source.getConnection();
        PreparedStatement ps = prepare(c, query, from, "SELECT COUNT(*) FROM (%s) rows_to_read");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "source " + sourceId + ": counting rows to read failed: " + e.getMessage(), e);
    }
  }

  /**
   * The columns {@code query} returns (lower case, as a row names them), from a run that returns no
   * rows ({@link ZeroRows}): checks the query against the source without reading any data.
   */
  public List<String> columns(String query) throws SQLException {
    try (Connection c = source.getConnection()) {
      c.setReadOnly(true);
      String product = c.getMetaData().getDatabaseProductName();
      try (PreparedStatement ps = prepare(c, ZeroRows.of(query, product), Watermark.START, "");
          ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          labels.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return labels;
      }
    }
  }

  private static PreparedStatement prepare(
      Connection c, String query, Watermark from, String wrapper) throws SQLException {
    int params = (int) WATERMARK.matcher(query).results().count();
    String sql = WATERMARK.matcher(query).replaceAll("?");
    PreparedStatement ps =
        c.prepareStatement(
            wrapper.isEmpty() ? sql : String.format(wrapper, sql),
            ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY);
    for (int i = 1; i <= params; i++) {
      ps.setObject(i, from.bindValue());
    }
    return ps;
  }
}
