package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.winbackhub.store.Migrations;
import org.winbackhub.store.TestStores;

/** The send ledger on PostgreSQL, in a schema of its own. */
class SendLedgerOnPostgresIT extends SendLedgerScenario {
  SendLedgerOnPostgresIT() {
    // 10,000 messages: 10 % of the customers are held out as control, 3.5 % opted out or suppressed
    super(11_600);
  }

  private String url;

  @Override
  Map<String, String> storeEnv() {
    return Map.of("HUB_STORE_URL", url, "HUB_STORE_USER", TestStores.PG_USER);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, TestStores.PG_USER, "");
  }

  @Override
  void migrate() throws Exception {
    url = TestStores.freshSchema("winback_ledger_run");
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl(url);
      ds.setUsername(TestStores.PG_USER);
      Migrations.migrate(ds);
    }
  }

  @Override
  String store() {
    return "PostgreSQL";
  }
}
