package org.winbackhub.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.winbackhub.model.EnrollmentStatus;
import org.winbackhub.model.EventType;
import org.winbackhub.store.EnrollmentRepository;

/**
 * Moves contacts on from what they did after enrolling, computed from stored events so replaying is
 * safe: a purchase reactivates (control group too, for the comparison), a click without a purchase
 * moves an enrolled contact to nurture (ENGAGED; the planner hands it to the journey's nurture
 * journey), except in the journeys a click does not end.
 */
public final class StatusTransitions {

  public record Moves(int reactivated, int engaged) {
    @Override
    public String toString() {
      return reactivated + " reactivated, " + engaged + " engaged";
    }
  }

  private final EnrollmentRepository enrollments;
  private final Clock clock;
  private final Set<String> continuingOnClick;

  public StatusTransitions(EnrollmentRepository enrollments, Clock clock) {
    this(enrollments, clock, Set.of());
  }

  /**
   * With the journeys a click does not end ({@code exit.click: continue}): their runs stay
   * enrolled, and their steps' conditions decide what a clicker gets.
   */
  public StatusTransitions(
      EnrollmentRepository enrollments, Clock clock, Set<String> continuingOnClick) {
    this.enrollments = enrollments;
    this.clock = clock;
    this.continuingOnClick = Set.copyOf(continuingOnClick);
  }

  /** Moves every contact on. */
  public Moves apply() {
    return apply(null);
  }

  /** Moves one contact on, right after an event of theirs was stored. */
  public Moves applyFor(long contactId) {
    return apply(Long.valueOf(contactId));
  }

  private Moves apply(Long contactId) {
    Instant now = clock.instant();
    int reactivated =
        enrollments.transition(
            List.of(EnrollmentStatus.ENROLLED, EnrollmentStatus.ENGAGED, EnrollmentStatus.HELD_OUT),
            List.of(EventType.PURCHASE.code()),
            EnrollmentStatus.REACTIVATED,
            "purchased after enrolling",
            now,
            contactId,
            Set.of());
    int engaged =
        enrollments.transition(
            List.of(EnrollmentStatus.ENROLLED),
            List.of(EventType.EMAIL_CLICKED.code(), EventType.SMS_CLICKED.code()),
            EnrollmentStatus.ENGAGED,
            "clicked without purchasing: nurture",
            now,
            contactId,
            continuingOnClick);
    return new Moves(reactivated, engaged);
  }
}
