package org.winbackhub.journey;

import java.util.List;

/**
 * Picks a contact's variant of a step: a SHA-256 hash of journey, step and contact placed on the
 * variants' shares, so the same contact gets the same variant of that step on every run and every
 * instance, with no state to share, and a different step or journey splits the contacts anew.
 */
public final class Variants {
  private Variants() {}

  /** The variant of {@code variants} (shares adding up to 100) for the contact; null when none. */
  public static Variant pick(
      String journeyId, String stepId, long contactId, List<Variant> variants) {
    if (variants.isEmpty()) {
      return null;
    }
    double point = StableHash.bucket(journeyId + ":" + stepId + ":" + contactId) * 100;
    int upTo = 0;
    for (Variant v : variants) {
      upTo += v.share();
      if (point < upTo) {
        return v;
      }
    }
    return variants.get(variants.size() - 1);
  }
}
