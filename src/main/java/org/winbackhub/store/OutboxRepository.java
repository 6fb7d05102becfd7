package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.winbackhub.model.Channel;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OutboxMessage;

/**
 * The sending ledger. Rows are written once per idempotency key; a row is claimed before it is
 * sent, and a claim never returns a row whose address is suppressed, whose contact opted out or
 * whose contact is archived. Every state change is conditional on the claim it was made under
 * ({@code attempts} counts the claims of a row), so a holder whose claim was taken over can neither
 * send nor move the row. How rows are claimed is {@link OutboxClaims}'; what happens to the claims
 * of a sender that stops or dies is {@link SenderRepository}'s.
 */
public final class OutboxRepository {

  public record NewMessage(
      String idempotencyKey,
      long contactId,
      Long enrollmentId,
      String journeyId,
      String stepId,
      Channel channel,
      String recipient,
      String template,
      String subject,
      String variant,
      String offer,
      Instant notBefore) {}

  static final String COLUMNS =
      "id, idempotency_key, contact_id, journey_id, step_id, channel, recipient, template, subject,"
          + " variant, offer, attempts";

  private final Database db;
  private final EventRepository events;
  private final OutboxClaims claims;
  private final OutboxBatches batches;

  public OutboxRepository(Database db, EventRepository events) {
    this.db = db;
    this.events = events;
    this.claims = new OutboxClaims(db);
    this.batches = new OutboxBatches(db, events);
  }

  /** Writes messages; a key already in the ledger is skipped. Returns how many were new. */
  public int enqueue(Connection c, List<NewMessage> messages, Instant now) throws SQLException {
    if (messages.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO outbox (idempotency_key, contact_id, enrollment_id, journey_id, step_id,"
                + " channel, recipient, template, subject, variant, offer, status, not_before,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) ON"
                + " CONFLICT DO NOTHING")) {
      for (NewMessage m : messages) {
        ps.setString(1, m.idempotencyKey());
        ps.setLong(2, m.contactId());
        ps.setObject(3, m.enrollmentId());
        ps.setString(4, m.journeyId());
        ps.setString(5, m.stepId());
        ps.setString(6, m.channel().code());
        ps.setString(7, m.recipient());
        ps.setString(8, m.template());
        ps.setString(9, m.subject());
        ps.setString(10, m.variant());
        ps.setString(11, m.offer());
        ps.setObject(12, Database.ts(m.notBefore()));
        ps.setObject(13, Database.ts(now));
        ps.addBatch();
      }
      int n = 0;
      for (int r : ps.executeBatch()) {
        n += Math.max(r, 0);
      }
      return n;
    }
  }

  /**
   * Claims up to {@code limit} due messages of a channel for {@code sender}, the longest due first.
   * Of the rows it picks, those to a suppressed address or an opted-out contact are marked
   * SUPPRESSED instead, in the same transaction, so no caller can send them; rows another sender is
   * claiming are skipped, not waited for.
   */
  public List<OutboxMessage> claim(
      Channel channel, ClaimScope scope, int limit, String sender, Instant now) {
    return claims.claim(channel, scope, limit, sender, now);
  }

  /**
   * Takes the merged contacts' PENDING messages out of the queue (SUPPRESSED, "contact merged into"
   * the survivor). Rows a claim holds are not waited into: once the claim commits they are no
   * longer PENDING.
   */
  public void suppressForMerged(Connection c, List<MergedContact> merged, Instant now)
      throws SQLException {
    if (merged.isEmpty()) {
      return;
    }
    try (PreparedStatement unqueue =
        c.prepareStatement(
            "UPDATE outbox SET status = 'SUPPRESSED', last_error = ? WHERE contact_id = ? AND"
                + " status = 'PENDING'")) {
      for (MergedContact m : merged) {
        unqueue.setString(1, "contact merged into " + m.survivorId());
        unqueue.setLong(2, m.mergedId());
        unqueue.addBatch();
      }
      unqueue.executeBatch();
    }
  }

  /**
   * Withdraws the messages not yet being sent (PENDING, CLAIMED) of the given contacts and of those
   * merged into them: WITHDRAWN, each contact's with its reason.
   */
  public void withdraw(Connection c, Map<Long, String> reasons) throws SQLException {
    if (reasons.isEmpty()) {
      return;
    }
    try (PreparedStatement withdraw =
        c.prepareStatement(
            "UPDATE outbox SET status = 'WITHDRAWN', last_error = ? WHERE status IN ('PENDING',"
                + " 'CLAIMED') AND (contact_id = ? OR contact_id IN (SELECT m.id FROM contact m"
                + " WHERE m.merged_into = ?))")) {
      for (Map.Entry<Long, String> r : reasons.entrySet()) {
        withdraw.setString(1, RejectRepository.truncate(r.getValue(), 500));
        withdraw.setLong(2, r.getKey());
        withdraw.setLong(3, r.getKey());
        withdraw.addBatch();
      }
      withdraw.executeBatch();
    }
  }

  /**
   * Marks a claimed message SENDING just before it is handed to {@code provider}, and records that
   * provider. False when the claim is no longer this caller's (its sender was taken for dead and
   * the row went back to PENDING or to another claim): then it must not be sent.
   */
  public boolean markSending(OutboxMessage m, String provider, Instant now) {
    return !batches.markSending(List.of(m), provider, now).isEmpty();
  }

  /**
   * Gives a claimed message back without counting the claim as an attempt: PENDING again, not
   * before {@code until}, with {@code why}. For a message whose provider may not be sent to now
   * (its breaker is open, it asked to be left alone), so an outage spends none of its attempts.
   * Only this claim's row moves (then {@code attempts} is back to what it was before the claim).
   */
  public boolean markHeld(OutboxMessage m, Instant until, String why, Instant now) {
    return db.inTransaction(
        "hold message",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET status = 'PENDING', attempts = attempts - 1, not_before = ?,"
                      + " status_at = ?, last_error = ? WHERE id = ? AND attempts = ? AND status ="
                      + " 'CLAIMED'")) {
            ps.setObject(1, Database.ts(until));
            ps.setObject(2, Database.ts(now));
            ps.setString(3, RejectRepository.truncate(why, 500));
            ps.setLong(4, m.id());
            ps.setInt(5, m.attempts());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Records that the provider accepted a message being sent, with the provider's id, and appends
   * the matching "sent" event to the contact's history in the same transaction. A message already
   * UNCERTAIN (its sender was taken for dead mid-send) is a late success and is recorded too.
   */
  public boolean markSent(OutboxMessage m, String providerMessageId, Instant now) {
    return db.inTransaction(
        "mark message sent",
        c -> {
          int n;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET status = 'SENT', sent_at = ?, status_at = ?,"
                      + " provider_message_id = ?, last_error = NULL WHERE id = ? AND attempts = ?"
                      + " AND status IN ('SENDING', 'UNCERTAIN')")) {
            ps.setObject(1, Database.ts(now));
            ps.setObject(2, Database.ts(now));
            ps.setString(3, providerMessageId);
            ps.setLong(4, m.id());
            ps.setInt(5, m.attempts());
            n = ps.executeUpdate();
          }
          if (n == 1) {
            appendSent(c, events, m.id(), m.contactId(), m.channel(), m.template(), now);
          }
          return n == 1;
        });
  }

  /**
   * {@link #markSending} for a batch handed to a provider in one request, in one transaction: the
   * messages whose claim is still this caller's, in the order given (the others must not be sent).
   */
  public List<OutboxMessage> markSendingAll(
      List<OutboxMessage> messages, String provider, Instant now) {
    return batches.markSending(messages, provider, now);
  }

  /**
   * {@link #markSent} for a batch the provider accepted in one request, in one transaction, with
   * each contact's "sent" event. Returns how many were recorded.
   */
  public int markSentAll(List<OutboxMessage> messages, String providerMessageId, Instant now) {
    return batches.markSent(messages, providerMessageId, now);
  }

  /**
   * Records a failed attempt that surely did not reach the recipient: back to PENDING not before
   * {@code retryAt}, or FAILED for good when {@code retryAt} is null. Only this claim's row moves.
   */
  public boolean markFailed(OutboxMessage m, String error, Instant retryAt, Instant now) {
    return db.inTransaction(
        "mark message failed",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET status = ?, not_before = COALESCE(?, not_before), status_at ="
                      + " ?, last_error = ? WHERE id = ? AND attempts = ? AND status IN ('CLAIMED',"
                      + " 'SENDING')")) {
            ps.setString(1, retryAt == null ? "FAILED" : "PENDING");
            ps.setObject(2, Database.ts(retryAt));
            ps.setObject(3, Database.ts(now));
            ps.setString(4, RejectRepository.truncate(error, 500));
            ps.setLong(5, m.id());
            ps.setInt(6, m.attempts());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Records a send that failed after the message may have been handed over: UNCERTAIN, left to an
   * operator, never resent automatically. False when the row was not being sent (nothing moved).
   */
  public boolean markUncertain(OutboxMessage m, String error, Instant now) {
    return db.inTransaction(
        "mark message uncertain",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET status = 'UNCERTAIN', status_at = ?, last_error = ?"
                      + " WHERE id = ? AND attempts = ? AND status = 'SENDING'")) {
            ps.setObject(1, Database.ts(now));
            ps.setString(2, RejectRepository.truncate(error, 500));
            ps.setLong(3, m.id());
            ps.setInt(4, m.attempts());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Messages by "channel:status". */
  public Map<String, Long> countByChannelAndStatus() {
    return db.inTransaction(
        "count outbox",
        c ->
            Counts.grouped(
                c,
                "SELECT channel || ':' || status, COUNT(*) FROM outbox GROUP BY channel, status"
                    + " ORDER BY 1"));
  }

  /** Messages handed to a provider, by "channel:provider:status" (SENT, UNCERTAIN, FAILED...). */
  public Map<String, Long> countByProvider() {
    return db.inTransaction(
        "count outbox by provider",
        c ->
            Counts.grouped(
                c,
                "SELECT channel || ':' || provider || ':' || status, COUNT(*) FROM outbox WHERE"
                    + " provider IS NOT NULL GROUP BY channel, provider, status ORDER BY 1"));
  }

  /**
   * Messages of {@code channel} that are due by {@code now} and not yet sent or settled: waiting,
   * claimed or being handed over. One a send window or the frequency cap holds for later is not.
   */
  public long countDue(Channel channel, Instant now) {
    return db.inTransaction(
        "count due outbox",
        c ->
            Rows.first(
                    c,
                    "SELECT COUNT(*) FROM outbox WHERE channel = ? AND status IN ('PENDING',"
                        + " 'CLAIMED', 'SENDING') AND not_before <= ?",
                    rs -> rs.getLong(1),
                    channel.code(),
                    Database.ts(now))
                .orElse(0L));
  }

  /** The contact and message behind an outbox id, for feedback. */
  public Optional<OutboxMessage> find(long id) {
    return db.inTransaction(
        "read outbox message",
        c ->
            Rows.first(
                c, "SELECT " + COLUMNS + " FROM outbox WHERE id = ?", OutboxRepository::read, id));
  }

  /** Appends the "sent" event of outbox row {@code id} to its contact's history (once per row). */
  static void appendSent(
      Connection c,
      EventRepository events,
      long id,
      long contactId,
      Channel channel,
      String template,
      Instant now)
      throws SQLException {
    EventType type = channel == Channel.EMAIL ? EventType.EMAIL_SENT : EventType.SMS_SENT;
    ContactEvent sent = new ContactEvent("hub", "outbox:" + id, type, now, null, null, template);
    events.append(c, List.of(new EventRepository.Owned(contactId, sent, id, null)), now);
  }

  static OutboxMessage read(ResultSet rs) throws SQLException {
    return new OutboxMessage(
        rs.getLong(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        Channel.fromCode(rs.getString(6)),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getInt(12));
  }
}
