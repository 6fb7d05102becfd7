package org.winbackhub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.winbackhub.model.Channel;
import org.winbackhub.model.OutboxResolution;

/**
 * The UNCERTAIN rows of the outbox (maybe sent) and what operators decided about them: each
 * decision is kept with who made it, when, and why the row was UNCERTAIN.
 */
public final class OutboxResolutions {

  /** An UNCERTAIN row: since when, and why. */
  public record Uncertain(
      long id, String journeyId, String stepId, String recipient, Instant since, String why) {}

  /** A decision about a row that was UNCERTAIN, and the row's status now. */
  public record Resolved(
      long outboxId,
      String journeyId,
      String stepId,
      String recipient,
      OutboxResolution action,
      String by,
      Instant at,
      String why,
      String statusNow) {}

  private final Database db;
  private final EventRepository events;

  public OutboxResolutions(Database db, EventRepository events) {
    this.db = db;
    this.events = events;
  }

  /** Every UNCERTAIN row, the oldest first. */
  public List<Uncertain> uncertain() {
    return db.inTransaction(
        "list uncertain messages",
        c ->
            Rows.list(
                c,
                "SELECT id, journey_id, step_id, recipient, COALESCE(status_at, claimed_at,"
                    + " created_at), last_error FROM outbox WHERE status = 'UNCERTAIN' ORDER BY id",
                rs ->
                    new Uncertain(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Database.instant(rs.getObject(5)),
                        rs.getString(6))));
  }

  /** Every decision made, the latest first. */
  public List<Resolved> resolved() {
    return db.inTransaction(
        "list resolved messages",
        c ->
            Rows.list(
                c,
                "SELECT o.id, o.journey_id, o.step_id, o.recipient, r.action, r.resolved_by,"
                    + " r.resolved_at, r.reason, o.status FROM outbox_resolution r JOIN outbox o"
                    + " ON o.id = r.outbox_id ORDER BY r.id DESC",
                rs ->
                    new Resolved(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        OutboxResolution.valueOf(rs.getString(5)),
                        rs.getString(6),
                        Database.instant(rs.getObject(7)),
                        rs.getString(8),
                        rs.getString(9))));
  }

  /**
   * Resolves one UNCERTAIN row as {@code by} decided: RESEND puts it back to PENDING with no claim,
   * due now; MARK_SENT makes it SENT and appends the contact's "sent" event; DROP makes it DROPPED.
   * Returns empty when done, otherwise why nothing was done (no such row, or it is not UNCERTAIN).
   */
  public Optional<String> resolve(long id, OutboxResolution action, String by, Instant now) {
    return db.inTransaction(
        "resolve outbox message",
        c -> {
          String status;
          String why;
          long contactId;
          Channel channel;
          String template;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT status, last_error, contact_id, channel, template FROM outbox WHERE id ="
                      + " ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.of("no outbox message " + id);
              }
              status = rs.getString(1);
              why = rs.getString(2);
              contactId = rs.getLong(3);
              channel = Channel.fromCode(rs.getString(4));
              template = rs.getString(5);
            }
          }
          if (!status.equals("UNCERTAIN")) {
            return Optional.of(
                "outbox message " + id + " is " + status + ", not UNCERTAIN: left as it is");
          }
          String more =
              switch (action) {
                case RESEND ->
                    ", not_before = ?, claimed_by = NULL, claimed_at = NULL, last_error = NULL";
                case MARK_SENT -> ", sent_at = ?, last_error = NULL";
                case DROP -> "";
              };
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET status = ?, status_at = ?" + more + " WHERE id = ?")) {
            ps.setString(1, action.leadsTo().name());
            ps.setObject(2, Database.ts(now));
            int i = 3;
            if (action != OutboxResolution.DROP) {
              ps.setObject(i++, Database.ts(now));
            }
            ps.setLong(i, id);
            ps.executeUpdate();
          }
          if (action == OutboxResolution.MARK_SENT) {
            OutboxRepository.appendSent(c, events, id, contactId, channel, template, now);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO outbox_resolution (outbox_id, action, resolved_by, resolved_at,"
                      + " reason) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, action.name());
            ps.setString(3, RejectRepository.truncate(by, 64));
            ps.setObject(4, Database.ts(now));
            ps.setString(5, why);
            ps.executeUpdate();
          }
          return Optional.empty();
        });
  }
}
