package org.winbackhub.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.winbackhub.segment.classify.Rules;
import org.winbackhub.segment.classify.SegmentRuns;
import org.winbackhub.segment.predict.ModelFit;
import org.winbackhub.segment.predict.Rfm;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.PurchaseHistoryRepository;
import org.winbackhub.store.PurchaseHistoryRepository.PurchaseHistory;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;

/**
 * Keeps every contact's facts, lifecycle, value and sunset flag current: incrementally on each
 * cycle (only contacts whose events changed are recomputed; every rule is re-evaluated so that time
 * moves contacts across tiers), fully when asked or when the purchase model has been refitted.
 */
public final class Segmenter {
  /** The purchase model is fitted in weeks, as in the paper. */
  static final int TIME_UNIT_DAYS = 7;

  /**
   * Transactions that commit after a run starts, with an earlier timestamp, are caught by the next.
   */
  static final Duration OVERLAP = Duration.ofMinutes(5);

  private final SegmentRuns runs;
  private final FactRepository facts;
  private final PurchaseModelRepository models;
  private final PurchaseHistoryRepository histories;
  private final InactivityPolicy policy;
  private final SegmentRules rules;
  private final Clock clock;
  private final boolean asOf;

  /** Classifies as of the clock's moment: now, or a past day (then later events are left out). */
  public Segmenter(
      SegmentRuns runs,
      FactRepository facts,
      PurchaseModelRepository models,
      PurchaseHistoryRepository histories,
      InactivityPolicy policy,
      Clock clock) {
    this(runs, facts, models, histories, policy, clock, false);
  }

  /**
   * With {@code asOf}, the clock is a fixed past moment ({@link AsOf}) and events from then on are
   * left out, so a team can check its policy against a known reference date.
   */
  public Segmenter(
      SegmentRuns runs,
      FactRepository facts,
      PurchaseModelRepository models,
      PurchaseHistoryRepository histories,
      InactivityPolicy policy,
      Clock clock,
      boolean asOf) {
    this.runs = runs;
    this.facts = facts;
    this.models = models;
    this.histories = histories;
    this.policy = policy;
    this.rules = new SegmentRules(policy);
    this.clock = clock;
    this.asOf = asOf;
  }

  /**
   * What the cycle calls: an incremental run; then, when no purchase model is fitted or the last
   * fit is older than a day and enough contacts have bought, a fit and a full run with it.
   */
  public Map<String, Long> refresh() {
    incremental();
    Optional<PurchaseModel> model = models.latest();
    if (model.isEmpty()
        || model.get().fittedAt().isBefore(clock.instant().minus(Duration.ofDays(1)))) {
      if (fitModel().isPresent()) {
        full();
      }
    }
    return facts.countByLifecycle();
  }

  public SegmentRuns.RunResult full() {
    return runs.full(this::rulesNow);
  }

  public SegmentRuns.RunResult incremental() {
    return runs.incremental(this::rulesNow, OVERLAP);
  }

  /** The rules as of now, with the latest model: taken once the run holds the segment lock. */
  private Rules rulesNow() {
    Instant now = clock.instant();
    return rules.at(now, models.latest().orElse(null), asOf ? now : null);
  }

  /**
   * Fits BG/NBD (and Gamma-Gamma) on the stored purchase histories, in weeks, with now as the end
   * of the calibration period; saves and returns it, or nothing when fewer contacts bought than the
   * policy's {@code model.min_buyers}, or when the policy switched the model off.
   */
  public Optional<PurchaseModel> fitModel() {
    if (!policy.model().enabled()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    List<Rfm> customers = new ArrayList<>();
    histories.forEach(h -> customers.add(rfm(h, now)));
    if (customers.size() < policy.model().minBuyers()) {
      return Optional.empty();
    }
    PurchaseModel model =
        purchaseModel(
            now, customers.size(), ModelFit.bgNbd(customers), ModelFit.gammaGamma(customers));
    models.save(model);
    return Optional.of(model);
  }

  /** A fit as the store keeps it (in weeks), Gamma-Gamma where it could be fitted. */
  public static PurchaseModel purchaseModel(
      Instant fittedAt, int customers, ModelFit.BgNbdFit fit, ModelFit.GammaGammaFit spend) {
    return new PurchaseModel(
        fittedAt,
        customers,
        TIME_UNIT_DAYS,
        fit.model().r(),
        fit.model().alpha(),
        fit.model().a(),
        fit.model().b(),
        fit.logLikelihood(),
        spend == null ? null : spend.model().p(),
        spend == null ? null : spend.model().q(),
        spend == null ? null : spend.model().gamma());
  }

  /** A stored history in the model's terms; times in whole days, so that customers group. */
  public static Rfm rfm(PurchaseHistory h, Instant now) {
    double first = Math.floor(h.firstPurchaseAt().getEpochSecond() / 86400.0);
    double last = Math.floor(h.lastPurchaseAt().getEpochSecond() / 86400.0);
    double end = Math.floor(now.getEpochSecond() / 86400.0);
    double mean =
        h.purchaseCount() == 0 ? Double.NaN : h.totalSpend().doubleValue() / h.purchaseCount();
    return new Rfm(
        String.valueOf(h.contactId()),
        h.purchaseDays() - 1,
        (last - first) / TIME_UNIT_DAYS,
        Math.max(end - first, last - first) / TIME_UNIT_DAYS,
        mean);
  }
}
