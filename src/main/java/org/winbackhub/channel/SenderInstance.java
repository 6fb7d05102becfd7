package org.winbackhub.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.winbackhub.store.SenderRepository;
import org.winbackhub.store.SenderRepository.Released;

/**
 * This process as a sender of the outbox. Its claims are its own and hold while it beats; it claims
 * only while its last beat is within the lease (so a process that cannot reach the store stops
 * claiming before others take its claims over) and until it is told to stop. Each beat also takes
 * over what senders that stopped beating had claimed. A stopping sender releases its claims.
 */
public final class SenderInstance {
  /**
   * One beat: whether it was this sender's first, whether the store had lost this sender (taken for
   * dead by another after a pause longer than the lease: its claims were taken over), and the
   * claims this beat took over from stale senders.
   */
  public record Beat(boolean first, boolean wasLost, Released takenOver) {}

  private final SenderRepository senders;
  private final String id;
  private final Duration lease;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private volatile long beatAt;
  private volatile boolean beaten;
  private volatile boolean stopping;
  private volatile boolean released;

  public SenderInstance(
      SenderRepository senders, String id, Duration lease, Clock clock, LongSupplier nanoTime) {
    this.senders = senders;
    this.id = id;
    this.lease = lease;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  public String id() {
    return id;
  }

  /**
   * Renews this sender's heartbeat, then takes over the claims of senders whose heartbeat is stale.
   */
  public Beat beat() {
    if (released) {
      return new Beat(false, false, new Released(0, 0, List.of()));
    }
    long at = nanoTime.getAsLong();
    boolean registered = senders.beat(id);
    boolean first = !beaten;
    beatAt = at;
    beaten = true;
    return new Beat(first, registered && !first, senders.takeOverStale(lease, clock.instant()));
  }

  /** True while this sender may claim: it has beaten within the lease and is not stopping. */
  public boolean mayClaim() {
    return beaten && !stopping && nanoTime.getAsLong() - beatAt < lease.toNanos();
  }

  /** No new claims from now on; the sends in flight go on. */
  public void stopClaiming() {
    stopping = true;
  }

  /**
   * Ends this sender once its sends are over: what it still holds goes back to PENDING (never
   * handed over) or UNCERTAIN (still being sent); empty when it never beat.
   */
  public Optional<Released> release() {
    stopping = true;
    if (!beaten || released) {
      return Optional.empty();
    }
    released = true;
    return Optional.of(senders.release(id, clock.instant()));
  }
}
