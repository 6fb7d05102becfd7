package org.winbackhub.app;

import org.apache.camel.test.main.junit5.CamelMainTest;
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

  @Override
  HubPeers newPeers() throws Exception {
    return new HubPeers(TestStores.freshSchema("winback_it"), TestStores.PG_USER);
  }
}
