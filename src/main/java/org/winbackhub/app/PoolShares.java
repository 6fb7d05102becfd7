package org.winbackhub.app;

/**
 * How the store's pool (hub.store.pool-size) is shared: the connections a full segment run and the
 * outbox's sends may hold at once, each leaving room for the others.
 */
final class PoolShares {
  private PoolShares() {}

  /**
   * Connections a full segment run computes on at once: as configured, but leaving two of the pool
   * free (the run's lock, and the rest of the hub), so that no worker waits out the pool's timeout.
   */
  static int segmentWorkers(Settings s) {
    int workers = s.integer("hub.segment.workers");
    if (workers < 1) {
      throw new IllegalArgumentException("hub.segment.workers: at least 1, got " + workers);
    }
    int pool = s.integer("hub.store.pool-size");
    if (pool < 2) {
      throw new IllegalArgumentException(
          "hub.store.pool-size: at least 2 (a segment run holds its lock on one connection and"
              + " works on another), got "
              + pool);
    }
    return Math.max(1, Math.min(workers, pool - 2));
  }

  /**
   * Messages sent at once (hub.outbox.concurrency), each recording its outcome on a connection of
   * its own.
   */
  static int sendConcurrency(Settings s) {
    int concurrency = s.integer("hub.outbox.concurrency");
    if (concurrency < 1) {
      throw new IllegalArgumentException("hub.outbox.concurrency: at least 1, got " + concurrency);
    }
    // each send records SENDING and SENT on a connection of its own; starved of them, an accepted
    // message could not be recorded in time and would be left UNCERTAIN
    int pool = s.integer("hub.store.pool-size");
    if (concurrency > pool - 2) {
      throw new IllegalArgumentException(
          "hub.outbox.concurrency: at most hub.store.pool-size - 2 ("
              + (pool - 2)
              + "), so that every send can record its outcome while the claim and the heartbeat"
              + " hold theirs; got "
              + concurrency);
    }
    return concurrency;
  }

  /**
   * SMS sent at once (hub.sms.concurrency) beside the emails: each records its outcome on a
   * connection of its own too, so when SMS is on both must fit in the pool with two to spare.
   */
  static int smsConcurrency(Settings s, SmsSettings sms) {
    int email = sendConcurrency(s);
    int pool = s.integer("hub.store.pool-size");
    if (sms.enabled() && email + sms.concurrency() > pool - 2) {
      throw new IllegalArgumentException(
          "hub.sms.concurrency: at most hub.store.pool-size - 2 - hub.outbox.concurrency ("
              + (pool - 2 - email)
              + ") while SMS is on, so that every send can record its outcome; got "
              + sms.concurrency()
              + " (raise hub.store.pool-size)");
    }
    return sms.concurrency();
  }
}
