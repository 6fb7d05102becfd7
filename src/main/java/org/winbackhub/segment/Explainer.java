package org.winbackhub.segment;

import static org.winbackhub.segment.PlainWords.day;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.winbackhub.model.Contact;
import org.winbackhub.model.Rejection;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.JourneyHistory;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;
import org.winbackhub.store.RejectRepository;

/**
 * Tells in plain words why a contact is in its segment: the decisive rule, the facts it rests on,
 * the thresholds and the customer's own rhythm, what the purchase model says, the value score part
 * by part, behaviour, treatment, email sunset, the history of segments, the coupons given, and the
 * contact's journeys with the cause of each move. This class gathers the contact's records (its
 * sources, what was refused, its stays, its runs); the words for each rule are {@link RuleWords}',
 * for the journeys {@link JourneyWords}'.
 */
public final class Explainer {
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
  private final CouponListing coupons;
  private final InactivityPolicy policy;
  private final RuleWords words;
  private final JourneyHistory journeys;
  private final Clock clock;

  public Explainer(
      FactRepository facts,
      PurchaseModelRepository models,
      ContactRepository contacts,
      RejectRepository rejects,
      CouponListing coupons,
      InactivityPolicy policy,
      Clock clock) {
    this(facts, models, contacts, rejects, coupons, policy, null, clock);
  }

  /** The same, telling the contact's journeys too (from {@code journeys}; null: not told). */
  public Explainer(
      FactRepository facts,
      PurchaseModelRepository models,
      ContactRepository contacts,
      RejectRepository rejects,
      CouponListing coupons,
      InactivityPolicy policy,
      JourneyHistory journeys,
      Clock clock) {
    this.facts = facts;
    this.models = models;
    this.contacts = contacts;
    this.rejects = rejects;
    this.coupons = coupons;
    this.policy = policy;
    this.words = new RuleWords(policy);
    this.journeys = journeys;
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
    lines.put("facts", words.facts(f, zone, now));
    lines.put("thresholds", words.thresholds());
    lines.put("rhythm", words.rhythm(f, now));
    lines.put("model", words.model(f, model, now));
    lines.put("value", words.value(f, now, model.isPresent()));
    lines.put("behaviour", words.behaviour(f) + "; treatment: " + words.treatment(f, zone));
    lines.put("email", words.email(f, zone));
    lines.put("history", history(history, zone));
    if (journeys != null) {
      lines.put("journeys", JourneyWords.of(journeys.runs(contactId), zone));
    }
    lines.put("coupons", coupons(contactId, zone));
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

  /** The coupon codes the contact was given, the message of each, and the order that used it. */
  private String coupons(long contactId, ZoneId zone) {
    List<String> given = new ArrayList<>();
    for (CouponListing.Coupon c : coupons.forContact(contactId)) {
      given.add(
          c.code()
              + " of pool "
              + c.pool()
              + " given "
              + day(c.givenAt(), zone)
              + " in message "
              + c.outboxId()
              + (c.redeemedAt() == null
                  ? ", not redeemed"
                  : ", redeemed "
                      + day(c.redeemedAt(), zone)
                      + " in order "
                      + c.redeemedOrder()
                      + (c.redeemedBy() == null || c.redeemedBy() == contactId
                          ? ""
                          : " of contact " + c.redeemedBy())));
    }
    return given.isEmpty() ? "none given" : String.join("; ", given);
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
}
