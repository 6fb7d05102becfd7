package org.winbackhub.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The scenario on PostgreSQL, the production store, in a schema of its own. Fails (never skips)
 * when the server is unreachable: set HUB_IT_PG_URL to point it elsewhere.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {"file:config/application.properties"},
    properties = {"hub.cycle.enabled=false", "hub.outbox.poll-ms=200", "hub.loyalty.poll-ms=200", "hub.http.host=127.0.0.1"})
class HubOnPostgresIT extends HubScenario {
  static final String SERVER = System.getenv().getOrDefault("HUB_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getenv().getOrDefault("HUB_IT_PG_USER", "postgres");
  static final String SCHEMA = "winback_it";
  static HubPeers peers;

  @BeforeAll
  static void startPeers() throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER, USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
    peers = new HubPeers(SERVER + "?currentSchema=" + SCHEMA, USER);
  }

  @AfterAll
  static void stopPeers() {
    peers.close();
  }

  @Override
  HubPeers peers() {
    return peers;
  }
}
