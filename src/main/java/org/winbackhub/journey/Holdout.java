package org.winbackhub.journey;

/**
 * Assigns contacts to the control group: a stable hash of journey and contact, so the same contact
 * lands on the same side on every run and every instance, with no state to share.
 */
public final class Holdout {
  private Holdout() {}

  public static boolean isHeldOut(String journeyId, long contactId, double share) {
    return share > 0 && bucket(journeyId, contactId) < share;
  }

  /** A number in [0, 1) that depends only on the journey and the contact. */
  static double bucket(String journeyId, long contactId) {
    return StableHash.bucket(journeyId + ":" + contactId);
  }
}
