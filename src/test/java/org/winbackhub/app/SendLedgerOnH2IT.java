package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.winbackhub.store.Migrations;
import org.winbackhub.store.StoreUrl;

/** The send ledger on the embedded default: an H2 file under the hub's data folder. */
class SendLedgerOnH2IT extends SendLedgerScenario {
  SendLedgerOnH2IT() {
    super(2_000);
  }

  private String url() {
    return "jdbc:h2:file:"
        + hub.resolve("data/hub")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  @Override
  Map<String, String> storeEnv() {
    return Map.of(); // the shipped default
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(StoreUrl.durable(url()), "sa", "");
  }

  @Override
  void migrate() {
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl(StoreUrl.durable(url()));
      ds.setUsername("sa");
      Migrations.migrate(ds);
    }
  }

  @Override
  String store() {
    return "H2";
  }
}
