package org.winbackhub.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.channel.personal.CouponIssuer;
import org.winbackhub.offer.OfferPools;
import org.winbackhub.store.CouponListing;

/**
 * What an operator sees of the coupon pools: {@code hub.coupons.free} (a file pool's free codes,
 * counted in the store when read; NaN while the store does not answer) and {@code
 * hub.coupons.exhausted} (messages that found their file pool empty and wait), both tagged with the
 * pool; and a WARN line, at most once a minute per pool, when a message finds its pool empty. Pool
 * names only: no contact, no code.
 */
final class OfferMeters implements CouponIssuer.Watch, StartupListener {
  private static final Logger LOG = LoggerFactory.getLogger("org.winbackhub.offers");
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final CamelContext context;
  private final OfferPools pools;
  private final CouponListing coupons;
  private final Clock clock;
  private final Map<String, Instant> warned = new ConcurrentHashMap<>();
  private volatile MeterRegistry meters;

  OfferMeters(CamelContext context, OfferPools pools, CouponListing coupons, Clock clock) {
    this.context = context;
    this.pools = pools;
    this.coupons = coupons;
    this.clock = clock;
  }

  @Override
  public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
    meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
    if (meters == null) {
      return; // metrics off
    }
    for (var p : pools.pools().entrySet()) {
      if (!p.getValue().generated()) {
        String pool = p.getKey();
        Gauge.builder("hub.coupons.free", () -> free(pool))
            .tag("pool", pool)
            .tag("camelContext", camel.getName())
            .register(meters);
        exhaustedCounter(pool);
      }
    }
  }

  @Override
  public void exhausted(String pool) {
    Counter counter = exhaustedCounter(pool);
    if (counter != null) {
      counter.increment();
    }
    Instant now = clock.instant();
    Instant last = warned.get(pool);
    if (last == null || !now.isBefore(last.plus(WARN_EVERY))) {
      warned.put(pool, now);
      LOG.warn(
          "coupon pool '{}' has no codes left: messages offering it wait and are tried again, then"
              + " fail; add codes to its file ({})",
          pool,
          pools.find(pool).map(p -> pools.codesFile(p).toString()).orElse("offers.yaml"));
    }
  }

  private double free(String pool) {
    try {
      return coupons.free(pool);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private Counter exhaustedCounter(String pool) {
    MeterRegistry registry = meters;
    if (registry == null) {
      return null;
    }
    return Counter.builder("hub.coupons.exhausted")
        .tag("pool", pool)
        .tag("camelContext", context.getName())
        .register(registry);
  }
}
