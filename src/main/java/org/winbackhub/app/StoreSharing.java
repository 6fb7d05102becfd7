package org.winbackhub.app;

import java.util.Optional;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.store.StoreServer;

/**
 * The service's embedded H2 file, served to the commands run beside it ({@link StoreServer}) from
 * the moment the store is ready until the hub stops (a Camel service: stopped with the context,
 * before the store is closed and compacted).
 */
final class StoreSharing extends ServiceSupport {
  private static final Logger LOG = LoggerFactory.getLogger(StoreSharing.class);
  private final String url;
  private volatile Optional<StoreServer> server = Optional.empty();

  StoreSharing(String url) {
    this.url = url;
  }

  /** Called once the service has the store open and migrated. */
  void storeReady() {
    if (server.isEmpty()) {
      server = StoreServer.serve(url);
      server.ifPresent(
          s ->
              LOG.info(
                  "the store is shared with commands run beside the service (127.0.0.1:{})",
                  s.port()));
    }
  }

  @Override
  protected void doStop() {
    server.ifPresent(StoreServer::close);
    server = Optional.empty();
  }
}
