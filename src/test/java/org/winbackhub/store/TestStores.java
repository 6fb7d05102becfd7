package org.winbackhub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** Fresh, migrated stores for store-level tests: H2 in memory, or a PostgreSQL schema of its own. */
public final class TestStores {
  private TestStores() {}

  public static HikariDataSource h2() {
    return migrated("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa");
  }

  /** A new schema on the local PostgreSQL; fails, never skips, when the server is unreachable. */
  public static HikariDataSource postgres(String schema) throws Exception {
    String server = System.getenv().getOrDefault("HUB_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    try (Connection c = DriverManager.getConnection(server, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    return migrated(server + "?currentSchema=" + schema, "postgres");
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
