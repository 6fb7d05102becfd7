package org.winbackhub.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.cli.connector.DefaultCliConnectorFactory;
import org.apache.camel.spi.CliConnector;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.util.HomeHelper;
import org.winbackhub.segment.Explainer;
import org.winbackhub.store.Database;
import org.winbackhub.store.RejectRepository;

/**
 * What operators reach: Jolokia, the Camel CLI's view of the running hub, the store's health check,
 * the dead letters, the admin explain endpoint.
 */
public final class ManagementBeans implements CamelConfiguration {

  @BindToRegistry(ManagementJolokia.NAME)
  public ManagementJolokia jolokia(Settings s, CamelContext context) throws Exception {
    context.addStartupListener(new ManagementExposure());
    return new ManagementJolokia(new AllowedHosts(allowedHosts(s)));
  }

  /**
   * The Camel CLI ({@code camel ps}, {@code camel get route}) sees the running hub through a status
   * file under ~/.camel that the connector refreshes every second, and sends it commands through an
   * action file there: both belong to the OS user the hub runs as, and the folder is made
   * owner-only (what it shows may hold personal data: traced or browsed messages). Its secrets are
   * masked ({@link MaskedConsoles}). On with the management server (not for the one-shot commands,
   * which run none); {@code hub.management.cli-connector = false} turns it off.
   */
  @BindToRegistry("hubCliConnector")
  public CliConnectorFactory cliConnector(Settings s, CamelContext context) {
    DefaultCliConnectorFactory cli =
        new DefaultCliConnectorFactory() {
          @Override
          public CliConnector createConnector() { // as the hub starts, not when validate wires it
            ownerOnly(Path.of(HomeHelper.resolveHomeDir(), ".camel"));
            return super.createConnector();
          }
        };
    cli.setEnabled(
        s.bool("camel.management.enabled", false) && s.bool("hub.management.cli-connector", true));
    // the name camel ps shows and camel get route takes (else the last word of the command line,
    // "run")
    cli.setRuntimeStartClass(context.getName());
    if (cli.isEnabled()) {
      MaskedConsoles.install(context, s); // its status file shows properties, endpoint URIs...
    }
    context.getCamelContextExtension().addContextPlugin(CliConnectorFactory.class, cli);
    return cli;
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

  /** The folder made, or left, readable by its owner only (where the file system can say so). */
  static void ownerOnly(Path dir) {
    Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(owner));
      }
      Files.setPosixFilePermissions(dir, owner);
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system, or a folder of another user's: left as it is
    }
  }

  /** The names /observe/jolokia answers to: as configured, or the management host and loopback. */
  static String allowedHosts(Settings s) {
    String host = s.optional("hub.management.host", "127.0.0.1");
    return s.optional("hub.management.allowed-hosts", host + ",localhost,127.0.0.1,[::1]");
  }
}
