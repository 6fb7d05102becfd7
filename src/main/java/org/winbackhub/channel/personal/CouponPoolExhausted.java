package org.winbackhub.channel.personal;

/**
 * A message offers a coupon from a file pool that has no free code left: it is not sent without
 * one. The outbox treats it as any failed try before the handover: the message waits and is tried
 * again with the outbox's backoff (codes added to the pool's file meanwhile are used), and is
 * FAILED with this reason after the last try.
 */
public final class CouponPoolExhausted extends IllegalStateException {
  private final String pool;

  public CouponPoolExhausted(String pool) {
    super("coupon pool '" + pool + "' has no codes left: add codes to its file in offers.yaml");
    this.pool = pool;
  }

  public String pool() {
    return pool;
  }
}
