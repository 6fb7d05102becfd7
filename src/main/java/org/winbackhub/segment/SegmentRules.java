package org.winbackhub.segment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.segment.classify.Rules;
import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;

/**
 * Turns the policy into the rules the store evaluates for every contact as of a moment: cut-off
 * instants for the tiers, the rhythm factors, the fitted purchase model, the value levels, and the
 * plain words each reason starts with.
 */
public final class SegmentRules {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
  private final InactivityPolicy policy;

  public SegmentRules(InactivityPolicy policy) {
    this.policy = policy;
  }

  public Rules at(Instant now, PurchaseModel model) {
    return at(now, model, null);
  }

  /**
   * The rules as of {@code now}; with {@code eventsBefore}, events from then on are left out (a run
   * as of a past day). A model the policy switched off is not used.
   */
  public Rules at(Instant now, PurchaseModel model, Instant eventsBefore) {
    if (!policy.model().enabled()) {
      model = null;
    }
    ZoneId zone = policy.zoneId();
    Map<Tier, TimeSpan> tiers = policy.tiers();
    TimeSpan atRisk = tiers.get(Tier.AT_RISK);
    TimeSpan lapsed = tiers.get(Tier.LAPSED);
    TimeSpan dormant = tiers.get(Tier.DORMANT);
    String activity = policy.activityWords();
    TimeSpan mildest = atRisk != null ? atRisk : lapsed;
    Rules.Words words =
        new Rules.Words(
            "never any " + activity,
            "first " + activity + " within the last " + words(policy.newWithin()),
            silence(dormant, now, zone),
            silence(lapsed, now, zone),
            atRisk == null ? null : silence(atRisk, now, zone),
            activity + " within the last " + words(mildest),
            activity,
            "no click or open for over " + words(policy.sunset().noEngagementFor()));
    InactivityPolicy.Value value = policy.value();
    return new Rules(
        now,
        eventsBefore,
        policy.activityEventCodes(),
        zone.getRules().getOffset(now).getTotalSeconds(),
        policy.newWithin().before(now, zone),
        atRisk == null ? null : atRisk.before(now, zone),
        lapsed.before(now, zone),
        dormant.before(now, zone),
        policy.rhythm().minPurchases(),
        policy.rhythm().atRisk(),
        policy.rhythm().lapsed(),
        policy.rhythm().enabled(),
        model,
        policy.model().atRiskBelow(),
        days(policy.model().horizon(), now, zone),
        value.spend().doubleValue(),
        value.expectedValue().doubleValue(),
        days(value.tenure(), now, zone),
        value.purchases(),
        policy.behaviour().discountShare(),
        policy.sunset().afterMessages(),
        policy.sunset().noEngagementFor().before(now, zone),
        policy.complaints().lookback().before(now, zone),
        words,
        new Rules.Spans(
            zone.getId(),
            policy.newWithin(),
            atRisk,
            lapsed,
            dormant,
            policy.sunset().noEngagementFor(),
            policy.complaints().lookback()),
        policy.toString());
  }

  private String silence(TimeSpan span, Instant now, ZoneId zone) {
    return "no "
        + policy.activityWords()
        + " for over "
        + words(span)
        + " (since before "
        + DAY.format(span.before(now, zone).atZone(zone))
        + ")";
  }

  /** The length of a span in days, counted back from {@code now}. */
  static double days(TimeSpan span, Instant now, ZoneId zone) {
    return (now.getEpochSecond() - span.before(now, zone).getEpochSecond()) / 86400.0;
  }

  /** "3 months", "1 year 6 months", "36 hours". */
  public static String words(TimeSpan span) {
    if (span.period() != null) {
      var p = span.period();
      List<String> parts = new ArrayList<>();
      if (p.getYears() > 0) {
        parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
      }
      if (p.getMonths() > 0) {
        parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
      }
      if (p.getDays() > 0) {
        parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
      }
      return parts.isEmpty() ? "0 days" : String.join(" ", parts);
    }
    long hours = span.duration().toHours();
    return hours + (hours == 1 ? " hour" : " hours");
  }
}
