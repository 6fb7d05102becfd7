package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each contact's messages went or are to go, as the journey planner needs it: for the
 * frequency cap (every journey's, every channel's) and for a step's condition (the run's own
 * messages by step). Reads the outbox; the planning lock is the {@code plan} row of {@code
 * hub_lock}.
 */
public final class MessageSchedule {
  /** Statuses of a message that went, goes, or may have gone out. */
  private static final String COUNTED = "('PENDING', 'CLAIMED', 'SENDING', 'SENT', 'UNCERTAIN')";

  /**
   * Takes the planning lock for the caller's transaction: one planning batch at a time across every
   * instance, so a batch counts and writes a contact's messages with no other batch writing the
   * same contact's meanwhile.
   */
  public void lockPlanning(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT name FROM hub_lock WHERE name = 'plan' FOR UPDATE")) {
      if (!rs.next()) {
        throw new SQLException(
            "the store has no 'plan' row in hub_lock (migration V14 not applied?)");
      }
    }
  }

  /**
   * The instants of the messages of {@code contactIds} that went or are to go out after {@code
   * since} (sent: when sent; waiting: when due), by contact, in order.
   */
  public Map<Long, List<Instant>> messageTimes(
      Connection c, Collection<Long> contactIds, Instant since) throws SQLException {
    Map<Long, List<Instant>> out = new HashMap<>();
    if (contactIds.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT contact_id, COALESCE(sent_at, not_before) AS at FROM outbox"
                + " WHERE contact_id = ANY (?) AND status IN "
                + COUNTED
                + " AND COALESCE(sent_at, not_before) > ? ORDER BY contact_id, at")) {
      ps.setArray(1, c.createArrayOf("bigint", contactIds.toArray()));
      ps.setObject(2, Database.ts(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(Database.instant(rs.getObject(2)));
        }
      }
    }
    return out;
  }

  /**
   * The messages of each run of {@code journeyId} among {@code contactIds}'s: by enrollment, the
   * instant each step's message went (or is due to go), whatever became of it.
   */
  public Map<Long, Map<String, Instant>> stepTimes(
      Connection c, String journeyId, Collection<Long> contactIds) throws SQLException {
    Map<Long, Map<String, Instant>> out = new HashMap<>();
    if (contactIds.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT enrollment_id, step_id, COALESCE(sent_at, not_before) FROM outbox"
                + " WHERE contact_id = ANY (?) AND journey_id = ? AND enrollment_id IS NOT NULL")) {
      ps.setArray(1, c.createArrayOf("bigint", contactIds.toArray()));
      ps.setString(2, journeyId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
              .put(rs.getString(2), Database.instant(rs.getObject(3)));
        }
      }
    }
    return out;
  }
}
