package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.model.Channel;
import org.winbackhub.model.OutboxMessage;

/**
 * How the outbox's rows are claimed for sending ({@code FOR UPDATE SKIP LOCKED}): a claim never
 * returns a row whose address is suppressed, whose contact (or the contact it was merged into)
 * opted out, or whose contact is archived; those rows are marked in the same transaction. A claim
 * takes only the rows of its {@link ClaimScope} (the journeys its provider sends for).
 */
final class OutboxClaims {
  private final Database db;

  OutboxClaims(Database db) {
    this.db = db;
  }

  /**
   * Claims up to {@code limit} due messages of a channel for {@code sender}, the longest due first.
   * Of the rows it picks, those to a suppressed address or an opted-out contact are marked
   * SUPPRESSED instead, in the same transaction, so no caller can send them; rows another sender is
   * claiming are skipped, not waited for.
   */
  List<OutboxMessage> claim(
      Channel channel, ClaimScope scope, int limit, String sender, Instant now) {
    if (scope.none()) {
      return List.of();
    }
    List<String> journeys = List.copyOf(scope.journeys());
    while (true) {
      Claim claim =
          db.inTransaction(
              "claim " + channel.code() + " messages",
              c -> claimOnce(c, channel, scope.condition(), journeys, limit, sender, now));
      if (!claim.messages().isEmpty() || claim.picked() == 0) {
        return claim.messages();
      }
      // every row picked was suppressed or withdrawn: pick again
    }
  }

  private record Claim(int picked, List<OutboxMessage> messages) {}

  private Claim claimOnce(
      Connection c,
      Channel channel,
      String scope,
      List<String> journeys,
      int limit,
      String sender,
      Instant now)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM outbox WHERE status = 'PENDING' AND channel = ? AND not_before <= ?"
                + " AND "
                + scope
                + " ORDER BY not_before, id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED")) {
      ps.setString(1, channel.code());
      ps.setObject(2, Database.ts(now));
      int i = 3;
      for (String journey : journeys) {
        ps.setString(i++, journey);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    if (ids.isEmpty()) {
      return new Claim(0, List.of());
    }
    withdrawArchived(c, ids, now);
    String consent = channel == Channel.EMAIL ? "email_consent" : "sms_consent";
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET status = 'SUPPRESSED', status_at = ?, last_error = 'suppressed or"
                + " opted out' WHERE id IN "
                + Sql.in(ids)
                + " AND (EXISTS (SELECT 1 FROM suppression s WHERE s.channel = outbox.channel"
                + " AND s.address = outbox.recipient)"
                // suppressed email addresses are kept as keys: compare the recipient contact's key
                + " OR EXISTS (SELECT 1 FROM contact a JOIN suppression s ON s.address ="
                + " a.email_key WHERE outbox.channel = 'email' AND s.channel = 'email' AND a.id ="
                + " outbox.contact_id AND a.email = outbox.recipient) OR EXISTS (SELECT 1 FROM"
                + " contact k WHERE (k.id = outbox.contact_id OR k.id = (SELECT m.merged_into FROM"
                + " contact m WHERE m.id = outbox.contact_id)) AND k."
                + consent
                + " = 'OPTED_OUT'))")) {
      ps.setObject(1, Database.ts(now));
      bind(ps, 2, ids);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET status = 'CLAIMED', claimed_by = ?, claimed_at = ?, status_at = ?,"
                + " attempts = attempts + 1 WHERE status = 'PENDING' AND id IN "
                + Sql.in(ids))) {
      ps.setString(1, sender);
      ps.setObject(2, Database.ts(now));
      ps.setObject(3, Database.ts(now));
      bind(ps, 4, ids);
      ps.executeUpdate();
    }
    List<OutboxMessage> claimed = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + OutboxRepository.COLUMNS
                + " FROM outbox WHERE status = 'CLAIMED' AND id IN "
                + Sql.in(ids)
                + " ORDER BY not_before, id")) {
      bind(ps, 1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(OutboxRepository.read(rs));
        }
      }
    }
    return new Claim(ids.size(), claimed);
  }

  private static void bind(PreparedStatement ps, int first, List<Long> ids) throws SQLException {
    int i = first;
    for (Long id : ids) {
      ps.setLong(i++, id);
    }
  }

  /**
   * Of the rows picked, those of an archived contact (or one merged into an archived one) are
   * WITHDRAWN. Archiving withdraws them itself; this keeps any written meanwhile from being
   * claimed.
   */
  private static void withdrawArchived(Connection c, List<Long> ids, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET status = 'WITHDRAWN', status_at = ?, last_error = 'withdrawn,"
                + " contact archived' WHERE id IN "
                + Sql.in(ids)
                + " AND EXISTS (SELECT 1 FROM contact k WHERE k.archived_at IS NOT NULL AND (k.id ="
                + " outbox.contact_id OR k.id = (SELECT m.merged_into FROM contact m WHERE m.id ="
                + " outbox.contact_id)))")) {
      ps.setObject(1, Database.ts(now));
      bind(ps, 2, ids);
      ps.executeUpdate();
    }
  }
}
