package org.winbackhub.app;

import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.winbackhub.segment.Explainer;
import org.winbackhub.store.Database;
import org.winbackhub.store.RejectRepository;

/**
 * What operators reach: Jolokia, the store's health check, the dead letters, the admin explain
 * endpoint.
 */
public final class ManagementBeans implements CamelConfiguration {

  @BindToRegistry(ManagementJolokia.NAME)
  public ManagementJolokia jolokia(Settings s) {
    return new ManagementJolokia(new AllowedHosts(allowedHosts(s)));
  }

  /** The hub's counters, registered at 0 when the hub starts. */
  @BindToRegistry("hubMeters")
  public HubMeters meters(CamelContext context) throws Exception {
    HubMeters meters = new HubMeters();
    context.addStartupListener(meters);
    return meters;
  }

  @BindToRegistry("hubStoreHealth")
  public DatabaseHealthCheck storeHealth(Database db) {
    return new DatabaseHealthCheck(db);
  }

  @BindToRegistry("hubRejects")
  public DeadLetters deadLetters(RejectRepository rejects, Clock clock) {
    return new DeadLetters(rejects, clock);
  }

  @BindToRegistry("explainEndpoint")
  public ExplainEndpoint explainEndpoint(Explainer explainer, Settings s) {
    return new ExplainEndpoint(explainer, s.optional("hub.admin.token", ""));
  }

  /** The names /observe/jolokia answers to: as configured, or the management host and loopback. */
  static String allowedHosts(Settings s) {
    String host = s.optional("hub.management.host", "127.0.0.1");
    return s.optional("hub.management.allowed-hosts", host + ",localhost,127.0.0.1,[::1]");
  }
}
