package org.winbackhub.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.channel.SenderInstance;
import org.winbackhub.store.Database;
import org.winbackhub.store.SenderRepository.Released;

/**
 * The outbox-heartbeat route's bean: beats for this process and says what it took over. On its
 * first beat it warns when the store may lose commits that returned (docs/RELIABILITY.md).
 */
public final class OutboxHeartbeat {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxHeartbeat.class);
  private final SenderInstance sender;
  private final Database db;

  OutboxHeartbeat(SenderInstance sender, Database db) {
    this.sender = sender;
    this.db = db;
  }

  public void beat() {
    SenderInstance.Beat beat = sender.beat();
    if (beat.first()) {
      LOG.info("outbox sender {} beating", sender.id());
      db.delayedCommits().ifPresent(why -> LOG.warn("the send ledger is not durable: {}", why));
    } else if (beat.wasLost()) {
      LOG.warn(
          "outbox sender {} was taken for dead (no beat within the lease): its claims went to"
              + " others",
          sender.id());
    }
    Released taken = beat.takenOver();
    if (taken.requeued() > 0 || taken.uncertain() > 0) {
      LOG.warn(
          "outbox: took over the claims of stopped senders {}: {} back to PENDING, {} UNCERTAIN"
              + " (maybe sent: see 'outbox uncertain')",
          taken.senders(),
          taken.requeued(),
          taken.uncertain());
    }
  }
}
