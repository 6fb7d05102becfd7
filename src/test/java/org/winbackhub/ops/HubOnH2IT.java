package org.winbackhub.ops;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The scenario on the embedded default store: an H2 file. */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {"file:config/application.properties"},
    properties = {"hub.cycle.enabled=false", "hub.outbox.poll-ms=200", "hub.loyalty.poll-ms=200", "hub.http.host=127.0.0.1"})
class HubOnH2IT extends HubScenario {
  static HubPeers peers;

  @BeforeAll
  static void startPeers() throws Exception {
    peers = new HubPeers("jdbc:h2:file:${data}/hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa");
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
