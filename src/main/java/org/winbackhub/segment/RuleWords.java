package org.winbackhub.segment;

import static org.winbackhub.segment.PlainWords.ago;
import static org.winbackhub.segment.PlainWords.day;
import static org.winbackhub.segment.PlainWords.money;
import static org.winbackhub.segment.PlainWords.plain;
import static org.winbackhub.segment.PlainWords.share;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.winbackhub.model.Behaviour;
import org.winbackhub.model.Treatment;
import org.winbackhub.segment.predict.BgNbd;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;

/**
 * The words for each rule of the policy, applied to one contact's facts: what the facts are, the
 * thresholds, the customer's own rhythm, what the purchase model says, the value score part by
 * part, treatment, behaviour and the email sunset. Each says what the rule looked at and where the
 * contact stands against it.
 */
final class RuleWords {
  private final InactivityPolicy policy;

  RuleWords(InactivityPolicy policy) {
    this.policy = policy;
  }

  String facts(FactRepository.Facts f, ZoneId zone, Instant now) {
    if (f.purchaseCount() == 0) {
      return "no purchase; last "
          + policy.activityWords()
          + ": "
          + ago(f.lastActivityAt(), now, zone);
    }
    return f.purchaseCount()
        + " purchase"
        + (f.purchaseCount() == 1 ? "" : "s")
        + " on "
        + f.purchaseDays()
        + " day"
        + (f.purchaseDays() == 1 ? "" : "s")
        + ", "
        + money(f.totalSpend())
        + " in all; first "
        + day(f.firstPurchaseAt(), zone)
        + ", last "
        + ago(f.lastPurchaseAt(), now, zone)
        + "; last visit "
        + ago(f.lastVisitAt(), now, zone)
        + "; last click "
        + ago(f.lastClickAt(), now, zone)
        + "; last counted activity "
        + ago(f.lastActivityAt(), now, zone);
  }

  String thresholds() {
    List<String> parts = new ArrayList<>();
    policy
        .tiers()
        .forEach(
            (tier, span) ->
                parts.add(
                    tier.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " after "
                        + SegmentRules.words(span)));
    return "profile "
        + policy.profile().code()
        + ", counting "
        + policy.activityWords()
        + ": "
        + String.join(", ", parts)
        + " without one; new within "
        + SegmentRules.words(policy.newWithin());
  }

  String rhythm(FactRepository.Facts f, Instant now) {
    InactivityPolicy.Rhythm r = policy.rhythm();
    if (!r.enabled()) {
      return "switched off in the policy (rhythm.enabled: false): the profile's thresholds apply";
    }
    if (f.rhythmDays() == null || f.purchaseDays() < r.minPurchases()) {
      return "not enough history ("
          + f.purchaseDays()
          + " purchase day"
          + (f.purchaseDays() == 1 ? "" : "s")
          + ", "
          + r.minPurchases()
          + " needed): the profile's thresholds apply";
    }
    double usual = f.rhythmDays().doubleValue();
    long gap =
        Duration.between(f.lastPurchaseAt(), now)
            .toDays(); // whole days, as "days ago" and the reason count them
    return String.format(
        Locale.ROOT,
        "usually buys every %.0f days; at risk past %.0f days (%s times), lapsed past %.0f days (%s"
            + " times); now %d days since the last purchase",
        usual,
        usual * r.atRisk(),
        plain(r.atRisk()),
        usual * r.lapsed(),
        plain(r.lapsed()),
        gap);
  }

  String model(FactRepository.Facts f, Optional<PurchaseModel> model, Instant now) {
    if (!policy.model().enabled()) {
      return "switched off in the policy (model.enabled: false): no P(alive) rule, no expected"
          + " value";
    }
    if (model.isEmpty()) {
      return "not fitted yet (needs " + policy.model().minBuyers() + " buyers)";
    }
    PurchaseModel m = model.get();
    String fitted =
        "fitted " + day(m.fittedAt(), policy.zoneId()) + " on " + m.customers() + " buyers";
    if (f.purchaseDays() == 0) {
      return fitted + "; no purchase, so no prediction";
    }
    String line = fitted + String.format(Locale.ROOT, "; P(alive) %.0f %%", 100 * f.pAlive());
    if (f.purchaseDays() >= 2) {
      double unit = m.timeUnitDays() * 86400.0;
      BgNbd bg = new BgNbd(m.r(), m.alpha(), m.a(), m.b());
      double tx =
          (f.lastPurchaseAt().getEpochSecond() - f.firstPurchaseAt().getEpochSecond()) / unit;
      double t = (now.getEpochSecond() - f.firstPurchaseAt().getEpochSecond()) / unit;
      double horizon =
          SegmentRules.days(policy.model().horizon(), now, policy.zoneId()) / m.timeUnitDays();
      line +=
          String.format(
              Locale.ROOT,
              " (x=%d repeat purchase days, t_x=%.1f, T=%.1f weeks); the exact expected purchases"
                  + " in the next %s: %.2f",
              f.purchaseDays() - 1,
              tx,
              t,
              SegmentRules.words(policy.model().horizon()),
              bg.expectedPurchases(horizon, f.purchaseDays() - 1, tx, t));
    } else {
      line +=
          " (one purchase day: the model assumes a customer is alive until a repeat purchase shows"
              + " their pace)";
    }
    if (f.pAlive() != null && f.pAlive() < policy.model().atRiskBelow()) {
      line +=
          String.format(
              Locale.ROOT,
              "; below the %.0f %% that marks a customer at risk",
              100 * policy.model().atRiskBelow());
    }
    return line + (f.expectedValue() == null ? "" : "; expected value " + money(f.expectedValue()));
  }

  String value(FactRepository.Facts f, Instant now, boolean withModel) {
    InactivityPolicy.Value v = policy.value();
    double tenure =
        f.firstActivityAt() == null ? 0 : Duration.between(f.firstActivityAt(), now).toDays();
    double tenureFull = SegmentRules.days(v.tenure(), now, policy.zoneId());
    List<String> parts = new ArrayList<>();
    parts.add(
        String.format(
            Locale.ROOT,
            "spend %s of %s (%.0f %%)",
            money(f.totalSpend()),
            money(v.spend()),
            share(f.totalSpend().doubleValue(), v.spend().doubleValue())));
    if (withModel) {
      double ev = f.expectedValue() == null ? 0 : f.expectedValue().doubleValue();
      parts.add(
          String.format(
              Locale.ROOT,
              "expected value %s of %s (%.0f %%)",
              money(BigDecimal.valueOf(ev)),
              money(v.expectedValue()),
              share(ev, v.expectedValue().doubleValue())));
    }
    parts.add(
        String.format(
            Locale.ROOT,
            "tenure %.0f of %.0f days (%.0f %%)",
            tenure,
            tenureFull,
            share(tenure, tenureFull)));
    parts.add(
        String.format(
            Locale.ROOT,
            "%d of %d purchase days (%.0f %%)",
            f.purchaseDays(),
            v.purchases(),
            share(f.purchaseDays(), v.purchases())));
    return "worth winning back: "
        + (f.valueScore() == null ? "?" : f.valueScore())
        + "/100, the mean of "
        + String.join(", ", parts);
  }

  /** we fixed it (2 complaints on record, the last 2026-03-01, within 2 years), or why standard. */
  String treatment(FactRepository.Facts f, ZoneId zone) {
    String lookback = SegmentRules.words(policy.complaints().lookback());
    if (f.complaintCount() == 0 || f.lastComplaintAt() == null) {
      return "standard (no complaint on record)";
    }
    String record =
        f.complaintCount()
            + " complaint"
            + (f.complaintCount() == 1 ? "" : "s")
            + " on record, the last "
            + day(f.lastComplaintAt(), zone);
    return Treatment.of(f.treatment()) == Treatment.WE_FIXED_IT
        ? "we fixed it (" + record + ", within " + lookback + ")"
        : "standard (" + record + ", over " + lookback + " ago)";
  }

  String behaviour(FactRepository.Facts f) {
    if (f.behaviour() == null) {
      return "no purchase yet";
    }
    return switch (Behaviour.of(f.behaviour())) {
      case ONE_OFF -> "one-off buyer (bought on one day only)";
      case DISCOUNT_DRIVEN ->
          "discount-driven ("
              + f.discountPurchases()
              + " of "
              + f.purchaseCount()
              + " purchases with a discount)";
      case REGULAR ->
          "regular buyer ("
              + f.discountPurchases()
              + " of "
              + f.purchaseCount()
              + " purchases with a discount)";
    };
  }

  String email(FactRepository.Facts f, ZoneId zone) {
    InactivityPolicy.Sunset s = policy.sunset();
    String sent =
        f.emailsSent() == 0
            ? "no message sent"
            : f.emailsSent()
                + " message"
                + (f.emailsSent() == 1 ? "" : "s")
                + " since "
                + day(f.firstEmailAt(), zone);
    String engaged =
        "; last click or open "
            + (f.lastEngagedAt() == null ? "never" : day(f.lastEngagedAt(), zone));
    String verdict =
        f.sunset()
            ? "; sunset candidate: " + f.sunsetReason()
            : "; not a sunset candidate (that takes "
                + s.afterMessages()
                + " messages and no click or open for "
                + SegmentRules.words(s.noEngagementFor())
                + ")";
    return sent + engaged + verdict;
  }
}
