package org.winbackhub.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.MergeRepository;
import org.winbackhub.store.MergedContact;
import org.winbackhub.store.OutboxRepository;

/**
 * Applies the merges identity resolution decided, on the batch's transaction, over the three
 * aggregates a merge changes: the merged contact's PENDING messages leave the queue, the merge is
 * recorded and the merged contact points at its survivor, and its running journeys end (EXITED).
 *
 * <p>In that order, as one transaction: the outbox rows first, so a claim holding one of them
 * (PostgreSQL row locks) commits before the merge reads it, and a row it claimed is no longer
 * PENDING (it was claimed before the merge, as it always was). A message queued for the merged
 * contact later is judged by the claim, which follows the pointer to the survivor's consent and
 * archive.
 */
public final class ContactMerge {
  private final MergeRepository merges;
  private final EnrollmentRepository enrollments;
  private final OutboxRepository outbox;

  public ContactMerge(
      MergeRepository merges, EnrollmentRepository enrollments, OutboxRepository outbox) {
    this.merges = merges;
    this.enrollments = enrollments;
    this.outbox = outbox;
  }

  /** Merges on the caller's transaction; nothing when {@code merges} is empty. */
  public void apply(Connection c, List<MergeRepository.MergeRow> merges, Instant now)
      throws SQLException {
    if (merges.isEmpty()) {
      return;
    }
    List<MergedContact> merged = merges.stream().map(MergeRepository.MergeRow::merged).toList();
    outbox.suppressForMerged(c, merged, now);
    this.merges.merge(c, merges, now);
    enrollments.endForMerged(c, merged, now);
  }
}
