package org.winbackhub.store;

import java.util.Set;

/**
 * Which of a channel's messages a claim may take, by the journey that wrote them: all of them, only
 * those of some journeys, or all but those. Two providers of one channel (SMTP and SendGrid, say)
 * split its messages this way without ever claiming the same one.
 */
public record ClaimScope(Set<String> journeys, boolean only) {
  private static final ClaimScope ALL = new ClaimScope(Set.of(), false);

  public ClaimScope {
    journeys = Set.copyOf(journeys);
  }

  public static ClaimScope all() {
    return ALL;
  }

  /** Only the messages of {@code journeys}. */
  public static ClaimScope only(Set<String> journeys) {
    return new ClaimScope(journeys, true);
  }

  /** Every message but those of {@code journeys} (a message of no journey included). */
  public static ClaimScope allBut(Set<String> journeys) {
    return new ClaimScope(journeys, false);
  }

  /** True when no message can be in scope. */
  public boolean none() {
    return only && journeys.isEmpty();
  }

  /** The SQL condition on {@code outbox.journey_id}, with one parameter per journey. */
  String condition() {
    if (journeys.isEmpty()) {
      return only ? "1 = 0" : "1 = 1";
    }
    return only
        ? "journey_id IN " + Sql.in(journeys)
        : "(journey_id IS NULL OR journey_id NOT IN " + Sql.in(journeys) + ")";
  }
}
