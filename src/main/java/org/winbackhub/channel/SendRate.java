package org.winbackhub.channel;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A provider's rate limit, in messages per second, shared by every thread that sends to it. A send
 * reserves its messages (one for an SMTP mail, the personalizations of a batch request) and waits
 * until their share of time has come: a batch of 1,000 at 100 per second goes at once, and the next
 * send waits ten seconds. Counted in messages, not requests, so a batch API and a one-by-one API
 * keep to the same figure. Zero or less: no limit.
 */
public final class SendRate {
  private final double perSecond;
  private final LongSupplier nanoTime;
  private long nextFree;
  private boolean started;

  public SendRate(double perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
  }

  public static SendRate unlimited() {
    return new SendRate(0, System::nanoTime);
  }

  public double perSecond() {
    return perSecond;
  }

  /**
   * Reserves {@code messages}; how long the caller must wait before sending them, in nanoseconds.
   */
  public synchronized long reserve(int messages) {
    if (perSecond <= 0 || messages <= 0) {
      return 0;
    }
    long now = nanoTime.getAsLong();
    long start = !started || now - nextFree > 0 ? now : nextFree;
    started = true;
    nextFree = start + (long) (messages * 1_000_000_000d / perSecond);
    return start - now;
  }

  /** Waits for {@code messages}' turn. */
  public void acquire(int messages) throws InterruptedException {
    long wait = reserve(messages);
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
