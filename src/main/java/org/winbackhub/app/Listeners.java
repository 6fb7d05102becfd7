package org.winbackhub.app;

import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * Fails the start when an HTTP listener (the public server or the management server) could not bind
 * its port: Camel only logs that, and the hub would otherwise report UP while its webhooks, links,
 * admin or health are not served. Checked once every server has tried to listen, before any route
 * consumes.
 */
final class Listeners implements StartupListener {
  /** A listener of the hub holds no port. */
  static final class NotListening extends IllegalStateException {
    NotListening(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // said in one line: the stack says nothing an operator can act on
    }
  }

  private final Settings settings;

  Listeners(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
      // Vert.x keeps the configured port after a failed bind; whether it listens is the truth
      boolean listening =
          server.getServer() instanceof TCPServerBase tcp
              ? tcp.isListening()
              : server.getServer() != null;
      if (!listening) {
        throw new NotListening(describe(server.getHost(), server.getConfigurationPort()));
      }
    }
  }

  private String describe(String host, int port) {
    String key =
        String.valueOf(port).equals(settings.optional("hub.management.port", ""))
            ? "hub.management.port"
            : "hub.http.port";
    return "cannot listen on "
        + host
        + ":"
        + port
        + " ("
        + key
        + ", env "
        + Settings.envName(key)
        + "): the port is taken by another process or the address is not this machine's";
  }
}
