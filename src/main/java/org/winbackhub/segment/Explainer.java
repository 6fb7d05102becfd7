package org.winbackhub.segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.winbackhub.model.Behaviour;
import org.winbackhub.model.Contact;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.Treatment;
import org.winbackhub.segment.predict.BgNbd;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;
import org.winbackhub.store.RejectRepository;

/**
 * Tells in plain words why a contact is in its segment: the decisive rule, the facts it rests on,
 * the thresholds and the customer's own rhythm, what the purchase model says, the value score part
 * by part, behaviour, treatment, email sunset, and the history of segments.
 */
public final class Explainer {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final int REJECTIONS_SHOWN = 5;

  /** An explanation: the segment, the decisive reason, and one line per topic. */
  public record Explanation(
      long contactId, String lifecycle, String reason, Map<String, String> lines) {
    public String text() {
      StringBuilder s = new StringBuilder();
      lines.forEach(
          (topic, line) -> s.append(String.format(Locale.ROOT, "%-11s %s%n", topic + ":", line)));
      return s.toString();
    }
  }

  private final FactRepository facts;
  private final PurchaseModelRepository models;
  private final ContactRepository contacts;
  private final RejectRepository rejects;
  private final InactivityPolicy policy;
  private final Clock clock;

  public Explainer(
      FactRepository facts,
      PurchaseModelRepository models,
      ContactRepository contacts,
      RejectRepository rejects,
      InactivityPolicy policy,
      Clock clock) {
    this.facts = facts;
    this.models = models;
    this.contacts = contacts;
    this.rejects = rejects;
    this.policy = policy;
    this.clock = clock;
  }

  /** The contact by id, or by email (in any case or Unicode form) when {@code who} holds an @. */
  public Optional<Explanation> explain(String who) {
    Optional<Contact> contact =
        who.contains("@") ? contacts.findByEmail(who) : parseId(who).flatMap(contacts::find);
    return contact.flatMap(c -> explain(c.id()));
  }

  private static Optional<Long> parseId(String who) {
    try {
      return Optional.of(Long.parseLong(who.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Optional<Explanation> explain(long contactId) {
    Optional<ContactRepository.Archived> archived = contacts.archived(contactId);
    if (archived.isPresent()) {
      return Optional.of(archived(contactId, archived.get()));
    }
    Optional<FactRepository.Facts> found = facts.find(contactId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    FactRepository.Facts f = found.get();
    Instant now = clock.instant();
    ZoneId zone = policy.zoneId();
    Optional<PurchaseModel> model = policy.model().enabled() ? models.latest() : Optional.empty();
    List<FactRepository.Membership> history = facts.memberships(contactId);
    Map<String, String> lines = new LinkedHashMap<>();

    String since =
        history.isEmpty() ? "" : " since " + day(history.get(history.size() - 1).enteredAt(), zone);
    lines.put("segment", f.lifecycle() + since + ": " + f.lifecycleReason());
    lines.put("sources", sources(contactId, zone));
    lines.put("rejected", rejected(contactId, zone));
    lines.put("facts", facts(f, zone, now));
    lines.put("thresholds", thresholds());
    lines.put("rhythm", rhythm(f, now));
    lines.put("model", model(f, model, now));
    lines.put("value", value(f, now, model.isPresent()));
    lines.put("behaviour", behaviour(f) + "; treatment: " + treatment(f, zone));
    lines.put("email", email(f, zone));
    lines.put("history", history(history, zone));
    lines.put(
        "as of", "facts computed " + day(f.computedAt(), zone) + ", explained " + day(now, zone));
    return Optional.of(new Explanation(contactId, f.lifecycle(), f.lifecycleReason(), lines));
  }

  /** A contact deleted in every source that knew it: why, since when, and what that means. */
  private Explanation archived(long contactId, ContactRepository.Archived a) {
    ZoneId zone = policy.zoneId();
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("segment", "ARCHIVED since " + day(a.at(), zone) + ": " + a.reason());
    lines.put(
        "archived",
        "not classified, never messaged, out of its journeys; its history is kept, and a record of"
            + " it that comes back live in any source brings it back");
    lines.put("sources", sources(contactId, zone));
    lines.put("rejected", rejected(contactId, zone));
    lines.put("history", history(facts.memberships(contactId), zone));
    lines.put("as of", "explained " + day(clock.instant(), zone));
    return new Explanation(contactId, "ARCHIVED", a.reason(), lines);
  }

  private String facts(FactRepository.Facts f, ZoneId zone, Instant now) {
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

  private String sources(long contactId, ZoneId zone) {
    List<String> refs = new ArrayList<>();
    for (ContactRepository.SourceRef r : contacts.sourceRefs(contactId)) {
      refs.add(
          r.source()
              + " "
              + r.externalId()
              + (r.owner() == null ? "" : " (owner " + r.owner() + ")")
              + (r.endedAt() == null
                  ? ""
                  : " (ended " + day(r.endedAt(), zone) + ": " + r.endReason() + ")"));
    }
    return refs.isEmpty() ? "none" : String.join(", ", refs);
  }

  /**
   * What of the contact's records was refused (a field, or an event), newest first, so that a
   * contact with a refused name or address does not look complete.
   */
  private String rejected(long contactId, ZoneId zone) {
    List<RejectRepository.Recorded> found = rejects.forContact(contactId, REJECTIONS_SHOWN + 1);
    if (found.isEmpty()) {
      return "nothing refused";
    }
    List<String> parts = new ArrayList<>();
    for (RejectRepository.Recorded r : found.subList(0, Math.min(found.size(), REJECTIONS_SHOWN))) {
      Rejection j = r.rejection();
      parts.add(
          j.location()
              + (j.lineNo() == null ? "" : " line " + j.lineNo())
              + " record "
              + j.recordKey()
              + " on "
              + day(r.at(), zone)
              + ": "
              + j.reason()
              + (j.raw() == null || j.field() == null ? "" : " [" + j.raw() + "]")
              + (j.recordKept() ? " (taken in without it)" : " (not taken in)"));
    }
    return String.join("; ", parts) + (found.size() > REJECTIONS_SHOWN ? "; and more" : "");
  }

  private String thresholds() {
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

  private String rhythm(FactRepository.Facts f, Instant now) {
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

  private String model(FactRepository.Facts f, Optional<PurchaseModel> model, Instant now) {
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

  private String value(FactRepository.Facts f, Instant now, boolean withModel) {
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
  private String treatment(FactRepository.Facts f, ZoneId zone) {
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

  private String behaviour(FactRepository.Facts f) {
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

  private String email(FactRepository.Facts f, ZoneId zone) {
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

  private String history(List<FactRepository.Membership> history, ZoneId zone) {
    if (history.isEmpty()) {
      return "none recorded";
    }
    List<String> steps = new ArrayList<>();
    for (FactRepository.Membership m : history) {
      steps.add(
          m.lifecycle() + " " + day(m.enteredAt(), zone) + (m.leftAt() == null ? " (now)" : ""));
    }
    return String.join(" -> ", steps);
  }

  private static double share(double value, double full) {
    return 100 * Math.min(1, value / full);
  }

  private static String money(BigDecimal v) {
    return v == null ? "-" : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String day(Instant i, ZoneId zone) {
    return i == null ? "never" : DAY.format(i.atZone(zone));
  }

  private static String ago(Instant i, Instant now, ZoneId zone) {
    return i == null
        ? "never"
        : day(i, zone) + " (" + Duration.between(i, now).toDays() + " days ago)";
  }
}
