package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The processes that send from the outbox, and what becomes of their claims. A sender's claims hold
 * while its heartbeat is fresh, by the database's clock (so the hosts' clocks do not matter). When
 * a sender stops, or its heartbeat goes stale, what it claimed and never handed over goes back to
 * PENDING, and what it was handing over becomes UNCERTAIN: it may have gone, so it is never sent
 * again by itself.
 */
public final class SenderRepository {

  /** Claims that ended: rows back to PENDING, rows made UNCERTAIN, and whose they were. */
  public record Released(int requeued, int uncertain, List<String> senders) {
    public boolean isEmpty() {
      return requeued == 0 && uncertain == 0 && senders.isEmpty();
    }
  }

  private final Database db;

  public SenderRepository(Database db) {
    this.db = db;
  }

  /**
   * Renews {@code sender}'s heartbeat. Returns true when it had no row (it is new, or it was taken
   * for dead and its claims were taken over): it is registered again.
   */
  public boolean beat(String sender) {
    return db.inTransaction(
        "renew sender heartbeat",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox_sender SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            ps.setString(1, sender);
            if (ps.executeUpdate() == 1) {
              return false;
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO outbox_sender (id, started_at, heartbeat_at) VALUES (?,"
                      + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING")) {
            ps.setString(1, sender);
            ps.executeUpdate();
          }
          return true;
        });
  }

  /**
   * Ends the claims of every sender whose heartbeat is older than {@code lease}, and of any sender
   * the table does not know (claims made before it existed), and forgets those senders.
   */
  public Released takeOverStale(Duration lease, Instant now) {
    String live =
        "EXISTS (SELECT 1 FROM outbox_sender i WHERE i.id = outbox.claimed_by AND i.heartbeat_at >="
            + " "
            + ago(lease)
            + ")";
    return db.inTransaction(
        "take over stale claims",
        c -> {
          List<String> stale = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id FROM outbox_sender WHERE heartbeat_at < "
                      + ago(lease)
                      + " ORDER BY id")) {
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                stale.add(rs.getString(1));
              }
            }
          }
          int requeued =
              end(
                  c,
                  "PENDING",
                  "'claimed by ' || COALESCE(claimed_by, '?') || ', which stopped before sending"
                      + " it'",
                  "status = 'CLAIMED' AND NOT " + live,
                  now,
                  null);
          int uncertain =
              end(
                  c,
                  "UNCERTAIN",
                  "'maybe sent: its sender ' || COALESCE(claimed_by, '?') || ' died while sending"
                      + " it'",
                  "status = 'SENDING' AND NOT " + live,
                  now,
                  null);
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM outbox_sender WHERE heartbeat_at < " + ago(lease))) {
            ps.executeUpdate();
          }
          return new Released(requeued, uncertain, stale);
        });
  }

  /**
   * A sender that stops: its claims not handed over go back to PENDING; what it is still sending
   * (it stopped before the send ended: the shutdown timeout) becomes UNCERTAIN; it is forgotten.
   */
  public Released release(String sender, Instant now) {
    return db.inTransaction(
        "release sender claims",
        c -> {
          int requeued =
              end(
                  c,
                  "PENDING",
                  "'released unsent when its sender stopped'",
                  "status = 'CLAIMED' AND claimed_by = ?",
                  now,
                  sender);
          int uncertain =
              end(
                  c,
                  "UNCERTAIN",
                  "'maybe sent: its sender stopped while sending it'",
                  "status = 'SENDING' AND claimed_by = ?",
                  now,
                  sender);
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM outbox_sender WHERE id = ?")) {
            ps.setString(1, sender);
            ps.executeUpdate();
          }
          return new Released(requeued, uncertain, List.of(sender));
        });
  }

  private static int end(
      Connection c, String status, String why, String where, Instant now, String sender)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox SET status = '"
                + status
                + "', status_at = ?, last_error = "
                + why
                + " WHERE "
                + where)) {
      ps.setObject(1, Database.ts(now));
      if (sender != null) {
        ps.setString(2, sender);
      }
      return ps.executeUpdate();
    }
  }

  /** The database's clock less {@code span}, as SQL both stores take. */
  static String ago(Duration span) {
    return String.format(
        Locale.ROOT, "(CURRENT_TIMESTAMP - INTERVAL '%.3f' SECOND)", span.toMillis() / 1000.0);
  }
}
