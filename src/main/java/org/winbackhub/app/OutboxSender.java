package org.winbackhub.app;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.winbackhub.channel.SenderInstance;
import org.winbackhub.store.Database;
import org.winbackhub.store.SenderRepository;

/**
 * This process as an outbox sender: a new identity on every start, and the lease its claims hold.
 */
final class OutboxSender {
  private OutboxSender() {}

  static SenderInstance create(Settings s, Database db, Clock clock) {
    return new SenderInstance(
        new SenderRepository(db), senderId(), Duration.ofMillis(lease(s)), clock, System::nanoTime);
  }

  /** The lease of a claim, in milliseconds: at least three heartbeats. */
  static int lease(Settings s) {
    int heartbeat = s.integer("hub.outbox.heartbeat-ms");
    int lease = s.integer("hub.outbox.lease-ms");
    if (heartbeat < 1 || lease < 3 * heartbeat) {
      throw new IllegalArgumentException(
          "hub.outbox.lease-ms: at least three heartbeats (hub.outbox.heartbeat-ms = "
              + heartbeat
              + "), got "
              + lease);
    }
    return lease;
  }

  /**
   * pid@host and a random tag: a restarted process (the same pid in a container) is a new sender.
   */
  static String senderId() {
    String tag = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    String name = ManagementFactory.getRuntimeMXBean().getName();
    name = name.length() > 50 ? name.substring(0, 50) : name;
    return name + "/" + tag.substring(0, Math.min(8, tag.length())); // outbox_sender.id holds 64
  }
}
