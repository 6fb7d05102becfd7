package org.winbackhub.app;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.HubPeers;

/**
 * The scenario on PostgreSQL, the production store, in a schema of its own. Fails (never skips)
 * when the server is unreachable: set HUB_IT_PG_URL to point it elsewhere.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {"hub.outbox.poll-ms=200", "hub.loyalty.poll-ms=200"})
class HubOnPostgresIT extends HubScenario {
  static HubPeers peers;

  @BeforeAll
  static void startPeers() throws Exception {
    peers = new HubPeers(TestStores.freshSchema("winback_it"), TestStores.PG_USER);
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
