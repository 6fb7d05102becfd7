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
    return migrated(freshSchema(schema), PG_USER);
  }

  public static final String PG_SERVER = System.getenv().getOrDefault("HUB_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
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
