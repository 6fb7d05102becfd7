package org.winbackhub.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winbackhub.store.DeletionRepository;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.OutboxRepository;

/**
 * Archives the contacts that no live reference leads to any more, on the batch's transaction, over
 * the three aggregates an archive changes: the contact is archived, its running journeys end
 * (EXITED), and its messages not yet being sent, and those of contacts merged into it, are
 * withdrawn (WITHDRAWN).
 *
 * <p>In that order, as one transaction: the journeys before the messages, so a planner holding one
 * of the enrollments (PostgreSQL row locks) commits the messages it wrote before the withdrawal
 * reads them. A claim withdraws any message written for an archived contact later.
 */
final class ContactArchive {
  private final DeletionRepository deletions;
  private final EnrollmentRepository enrollments;
  private final OutboxRepository outbox;

  ContactArchive(
      DeletionRepository deletions, EnrollmentRepository enrollments, OutboxRepository outbox) {
    this.deletions = deletions;
    this.enrollments = enrollments;
    this.outbox = outbox;
  }

  /**
   * Archives those of {@code reasons}' contacts that no live reference leads to, each with its
   * reason; returns the contacts archived.
   */
  List<Long> archiveUnreferenced(Connection c, Map<Long, String> reasons, Instant now)
      throws SQLException {
    List<Long> archived = deletions.archiveUnreferenced(c, reasons, now);
    enrollments.exitRunning(c, words(archived, reasons, "contact archived: "), now);
    outbox.withdraw(c, words(archived, reasons, "withdrawn, contact archived: "));
    return archived;
  }

  /** Each archived contact's reason, with what it ended. */
  private static Map<Long, String> words(
      List<Long> archived, Map<Long, String> reasons, String prefix) {
    Map<Long, String> words = new LinkedHashMap<>();
    archived.forEach(id -> words.put(id, prefix + reasons.get(id)));
    return words;
  }
}
