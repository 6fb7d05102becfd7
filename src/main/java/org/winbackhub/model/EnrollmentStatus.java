package org.winbackhub.model;

/** Where a contact is in one run of a journey. */
public enum EnrollmentStatus {
  /** Receiving the journey's steps. */
  ENROLLED,
  /** Control group: never messaged, measured against the others. */
  HELD_OUT,
  /** Bought again within the attribution window. */
  REACTIVATED,
  /** Clicked without buying: moves on to nurture. */
  ENGAGED,
  /** No response after the last step: sunset. */
  EXHAUSTED,
  /** Left for another reason (suppressed, merged). */
  EXITED
}
