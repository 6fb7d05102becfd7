package org.winbackhub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves on by hand, in UTC. */
public final class MovingClock extends Clock {
  private Instant now;

  public MovingClock(Instant start) {
    this.now = start;
  }

  /** Now is {@code at}. */
  public void set(Instant at) {
    now = at;
  }

  /** Now moves on by {@code d}. */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
