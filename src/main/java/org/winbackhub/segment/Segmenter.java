package org.winbackhub.segment;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.winbackhub.store.FactRepository;

/** Recomputes every contact's facts and lifecycle, set-based, in two statements. */
public final class Segmenter {
  private final FactRepository facts;
  private final InactivityPolicy policy;
  private final RecencyClassifier classifier;
  private final Clock clock;

  public Segmenter(FactRepository facts, InactivityPolicy policy, Clock clock) {
    this.facts = facts;
    this.policy = policy;
    this.classifier = new RecencyClassifier(policy);
    this.clock = clock;
  }

  /** Refreshes facts and lifecycles; returns the number of contacts per lifecycle. */
  public Map<String, Long> refresh() {
    Instant now = clock.instant();
    facts.refresh(policy.activityEventCodes(), now);
    facts.classifyByRecency(classifier.bands(now), classifier.never(), classifier.active(now));
    return facts.countByLifecycle();
  }
}
