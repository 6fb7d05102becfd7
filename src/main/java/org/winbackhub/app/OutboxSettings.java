package org.winbackhub.app;

/** The outbox's numbers (hub.outbox.*), checked against each other and the store's pool. */
final class OutboxSettings {
  private OutboxSettings() {}

  static int concurrency(Settings s) {
    int concurrency = s.integer("hub.outbox.concurrency");
    if (concurrency < 1) {
      throw new IllegalArgumentException("hub.outbox.concurrency: at least 1, got " + concurrency);
    }
    // each send records SENDING and SENT on a connection of its own; starved of them, an accepted
    // message could not be recorded in time and would be left UNCERTAIN
    int pool = s.integer("hub.store.pool-size");
    if (concurrency > pool - 2) {
      throw new IllegalArgumentException("hub.outbox.concurrency: at most hub.store.pool-size - 2 (" + (pool - 2)
          + "), so that every send can record its outcome while the claim and the heartbeat hold theirs; got " + concurrency);
    }
    return concurrency;
  }

  /** The lease of a claim, in milliseconds: at least three heartbeats. */
  static int lease(Settings s) {
    int heartbeat = s.integer("hub.outbox.heartbeat-ms");
    int lease = s.integer("hub.outbox.lease-ms");
    if (heartbeat < 1 || lease < 3 * heartbeat) {
      throw new IllegalArgumentException("hub.outbox.lease-ms: at least three heartbeats (hub.outbox.heartbeat-ms = "
          + heartbeat + "), got " + lease);
    }
    return lease;
  }
}
