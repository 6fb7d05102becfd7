package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.channel.SenderInstance;

/**
 * The order in which the hub stops (SIGTERM, Ctrl-C, the end of a command): the outbox stops
 * claiming at once; Camel lets the sends in flight finish (camel.main.shutdown-timeout); then what
 * this process still holds is released (claimed, never handed over: PENDING; still being sent at
 * the timeout: UNCERTAIN); only then is the store closed (an embedded H2 file compacted first when
 * it has grown mostly empty, see StoreCompaction).
 */
public final class HubShutdown extends SimpleEventNotifierSupport {
  private static final Logger LOG = LoggerFactory.getLogger(HubShutdown.class);
  private final SenderInstance sender;
  private final HikariDataSource store;
  private final StoreCompaction compaction;
  private volatile boolean wasSending;

  HubShutdown(SenderInstance sender, HikariDataSource store, StoreCompaction compaction) {
    this.sender = sender;
    this.store = store;
    this.compaction = compaction;
    setIgnoreExchangeEvents(true);
    setIgnoreRouteEvents(true);
    setIgnoreServiceEvents(true);
    setIgnoreStepEvents(true);
  }

  @Override
  public void notify(CamelEvent event) {
    if (event instanceof CamelEvent.CamelContextStoppingEvent) {
      sender.stopClaiming();
    } else if (event instanceof CamelEvent.CamelContextRoutesStoppedEvent) {
      sender
          .release()
          .ifPresent(
              r -> {
                wasSending = true;
                LOG.info(
                    "outbox sender {} stopped: {} claimed messages back to PENDING, {} left"
                        + " UNCERTAIN (still being sent at the shutdown timeout)",
                    sender.id(),
                    r.requeued(),
                    r.uncertain());
              });
    } else if (event instanceof CamelEvent.CamelContextStoppedEvent && !store.isClosed()) {
      if (wasSending) { // the service, not a one-shot command beside it
        compaction.atStop(store);
      }
      store.close();
      if (wasSending) { // the end of a sending hub's shutdown; one-shot commands keep their output
        // to themselves
        LOG.info("store closed");
      }
    }
  }
}
