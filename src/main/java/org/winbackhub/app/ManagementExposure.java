package org.winbackhub.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start-up, in one line, when the management server listens beyond loopback without Camel's
 * authentication: /observe/health and /observe/metrics (and Jolokia, if its restrictor is widened)
 * then answer anyone who reaches the port. Read from the server itself, so it tells the truth
 * whichever way the options were set (file, environment, -D).
 */
final class ManagementExposure implements StartupListener {
  private static final Logger LOG = LoggerFactory.getLogger(ManagementExposure.class);

  @Override
  public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
    if (server == null) {
      return;
    }
    String warning =
        warning(
            server.getHost(),
            server.getPort(),
            server.getConfiguration().getAuthenticationConfig().isEnabled());
    if (warning != null) {
      LOG.warn(warning);
    }
  }

  /** The line to log, or null when the server is on loopback or asks for credentials. */
  static String warning(String host, int port, boolean authenticated) {
    if (authenticated || loopback(host)) {
      return null;
    }
    return "the management server listens on "
        + host
        + ":"
        + port
        + " without authentication: /observe/health and /observe/metrics answer anyone who"
        + " reaches the port; set camel.management.authentication-enabled and"
        + " camel.management.basic-properties-file (docs/OPERATIONS.md, \"Management security\")"
        + " or hub.management.host = 127.0.0.1";
  }

  private static boolean loopback(String host) {
    if (host == null || host.isBlank()) {
      return false; // Vert.x listens on every address then
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
