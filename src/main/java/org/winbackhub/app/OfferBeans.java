package org.winbackhub.app;

import java.time.Clock;
import java.time.ZoneId;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.winbackhub.channel.personal.CouponIssuer;
import org.winbackhub.channel.personal.CouponPools;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.offer.OfferPools;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.CouponRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.RejectRepository;

/**
 * The offers of config/offers.yaml: the coupon pools, their files loaded into the store (route
 * {@code coupon-pools}), and the personal fields messages are rendered with, coupon codes given as
 * they are composed.
 */
public final class OfferBeans implements CamelConfiguration {

  @BindToRegistry("offerPools")
  public OfferPools pools(Settings s) {
    return OfferPools.load(s.path("hub.config-dir").resolve("offers.yaml"));
  }

  @BindToRegistry("couponPools")
  public CouponPools couponPools(
      OfferPools pools, CouponRepository coupons, RejectRepository rejects, Clock clock) {
    return new CouponPools(pools, coupons, rejects, clock);
  }

  /** The fields of every channel's templates; the coupon issuer inside reports empty pools. */
  @BindToRegistry("personalFields")
  public PersonalFields personalFields(
      CamelContext context,
      Settings s,
      OfferPools pools,
      CouponRepository coupons,
      CouponListing listing,
      EventRepository events,
      Clock clock)
      throws Exception {
    OfferMeters meters = new OfferMeters(context, pools, listing, clock);
    context.addStartupListener(meters);
    return new PersonalFields(
        events,
        new CouponIssuer(pools, coupons, meters, clock),
        ZoneId.of(s.get("hub.time-zone")),
        clock);
  }
}
