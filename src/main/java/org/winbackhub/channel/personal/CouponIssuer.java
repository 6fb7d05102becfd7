package org.winbackhub.channel.personal;

import java.time.Clock;
import java.util.Optional;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.offer.CouponCodes;
import org.winbackhub.offer.OfferPools;
import org.winbackhub.store.CouponRepository;

/**
 * Gives the contact of a message its code of the message's coupon pool, when the message is
 * composed: the code it was given before if any (a retried or resent message, or another step
 * offering the same pool, carries the same code), else a free code of a file pool, else a new code
 * of a generated pool. The store's unique keys make this safe for senders working at once.
 */
public final class CouponIssuer {
  private static final int GENERATE_TRIES = 20;

  /** Told when a message finds its file pool empty (counted and logged by the app). */
  public interface Watch {
    void exhausted(String pool);

    Watch NONE = pool -> {};
  }

  private final OfferPools pools;
  private final CouponRepository coupons;
  private final Watch watch;
  private final Clock clock;

  public CouponIssuer(OfferPools pools, CouponRepository coupons, Watch watch, Clock clock) {
    this.pools = pools;
    this.coupons = coupons;
    this.watch = watch;
    this.clock = clock;
  }

  /**
   * The contact's code of the message's pool. Throws {@link CouponPoolExhausted} when a file pool
   * has no free code left, and IllegalStateException when the offer names no pool.
   */
  public String code(OutboxMessage m) {
    OfferPools.Pool pool = pool(m.offer());
    if (pool.generated()) {
      for (int i = 0; i < GENERATE_TRIES; i++) {
        Optional<String> code =
            coupons.giveGenerated(
                m.offer(),
                CouponCodes.generate(pool.generate()),
                m.contactId(),
                m.id(),
                clock.instant());
        if (code.isPresent()) {
          return code.get();
        }
      }
      throw new IllegalStateException(
          "coupon pool '"
              + m.offer()
              + "': "
              + GENERATE_TRIES
              + " new codes in a row were taken already; give it a longer length");
    }
    return coupons
        .giveFree(m.offer(), m.contactId(), m.id(), clock.instant())
        .orElseThrow(
            () -> {
              watch.exhausted(m.offer());
              return new CouponPoolExhausted(m.offer());
            });
  }

  /** The offer in words, as offers.yaml gives it. */
  public String text(String offer) {
    return pool(offer).text();
  }

  private OfferPools.Pool pool(String offer) {
    return pools
        .find(offer)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "offer '" + offer + "' names no coupon pool of " + pools.path().getFileName()));
  }
}
