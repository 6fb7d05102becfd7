package org.winbackhub.app;

import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.winbackhub.segment.AsOf;
import org.winbackhub.segment.Explainer;
import org.winbackhub.segment.InactivityPolicy;
import org.winbackhub.segment.Segmenter;
import org.winbackhub.segment.classify.SegmentRuns;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.Database;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.JourneyHistory;
import org.winbackhub.store.PurchaseHistoryRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.RejectRepository;

/** Segmentation by the policy in policies.yaml, and the words that explain it. */
public final class SegmentBeans implements CamelConfiguration {

  @BindToRegistry("hubPolicy")
  public InactivityPolicy policy(Settings s) {
    return InactivityPolicy.load(s.path("hub.config-dir").resolve("policies.yaml"));
  }

  @BindToRegistry("hubSegmentRuns")
  public SegmentRuns segmentRuns(Database db, Settings s) {
    return new SegmentRuns(db, PoolShares.segmentWorkers(s));
  }

  @BindToRegistry("segmenter")
  public Segmenter segmenter(
      Settings s,
      SegmentRuns runs,
      FactRepository facts,
      PurchaseModelRepository models,
      PurchaseHistoryRepository histories,
      InactivityPolicy policy,
      Clock clock) {
    return new Segmenter(
        runs, facts, models, histories, policy, segmentClock(s, policy, clock), !asOf(s).isBlank());
  }

  @BindToRegistry("explainer")
  public Explainer explainer(
      Settings s,
      FactRepository facts,
      PurchaseModelRepository models,
      ContactRepository contacts,
      RejectRepository rejects,
      CouponListing coupons,
      InactivityPolicy policy,
      Database db,
      Clock clock) {
    return new Explainer(
        facts,
        models,
        contacts,
        rejects,
        coupons,
        policy,
        new JourneyHistory(db),
        segmentClock(s, policy, clock));
  }

  /** Segments as of a past day (hub.segment.as-of), for checking a policy against a known date. */
  private static Clock segmentClock(Settings s, InactivityPolicy policy, Clock clock) {
    String asOf = asOf(s);
    return asOf.isBlank() ? clock : AsOf.clock(asOf, policy.zoneId());
  }

  private static String asOf(Settings s) {
    return s.optional("hub.segment.as-of", "");
  }
}
