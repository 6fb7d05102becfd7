package org.winbackhub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Fresh, migrated stores for store-level tests: H2 in memory, or a PostgreSQL schema of its own.
 */
public final class TestStores {
  private TestStores() {}

  /** A small pool on an H2 URL as given (user sa), not migrated: for tests of the file itself. */
  public static HikariDataSource h2File(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("sa");
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }

  public static HikariDataSource h2() {
    return migrated(
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "sa");
  }

  /**
   * A fresh store of the kind an {@link OnBothStores} test runs on: {@code h2}, or {@code postgres}
   * in a new {@code schema}.
   */
  public static HikariDataSource of(String kind, String schema) throws Exception {
    return kind.equals("h2") ? h2() : postgres(schema);
  }

  /** A new schema on the local PostgreSQL; fails, never skips, when the server is unreachable. */
  public static HikariDataSource postgres(String schema) throws Exception {
    return migrated(freshSchema(schema), PG_USER);
  }

  public static final String PG_SERVER =
      System.getenv().getOrDefault("HUB_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String PG_USER = System.getenv().getOrDefault("HUB_IT_PG_USER", "postgres");

  /** Drops and creates {@code schema} on the test PostgreSQL; returns a JDBC URL into it. */
  public static String freshSchema(String schema) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_SERVER, PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    return PG_SERVER + "?currentSchema=" + schema;
  }

  /** The rows {@code sql} selects, each as column label (lower case) to value. */
  public static List<Map<String, Object>> rows(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static HikariDataSource migrated(String url, String user) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(6);
    HikariDataSource ds = new HikariDataSource(config);
    Migrations.migrate(ds);
    return ds;
  }
}
