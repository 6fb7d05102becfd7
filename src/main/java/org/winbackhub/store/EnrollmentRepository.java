package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.model.EnrollmentStatus;

/** Contacts' runs through journeys. */
public final class EnrollmentRepository {

  /**
   * A contact entering a journey for its run {@code cycle} (the first is 1): the run after the last
   * one seen when the audience was read, so two instances enrolling the same contact at once make
   * one run, not two. {@code enteredFrom} is the run of another journey whose exit brought them
   * here, with the {@code reason}.
   */
  public record NewEnrollment(
      long contactId,
      String journeyId,
      int cycle,
      boolean heldOut,
      String variant,
      Instant nextStepAt,
      Long enteredFrom,
      String reason) {
    public NewEnrollment(
        long contactId, String journeyId, boolean heldOut, String variant, Instant nextStepAt) {
      this(contactId, journeyId, 1, heldOut, variant, nextStepAt, null, null);
    }
  }

  /**
   * An enrollment whose next step is due (at {@code nextStepAt}), with when it entered and the
   * contact's addresses and time zone.
   */
  public record Due(
      long id,
      long contactId,
      int cycle,
      int nextStep,
      String variant,
      String email,
      String phone,
      Instant enrolledAt,
      Instant nextStepAt,
      String timeZone) {}

  public record Advance(
      long id, int nextStep, Instant nextStepAt, EnrollmentStatus status, String reason) {}

  private final Database db;

  public EnrollmentRepository(Database db) {
    this.db = db;
  }

  /** Enrolls contacts; a run another instance started meanwhile is left as it is. */
  public int enroll(List<NewEnrollment> enrollments, Instant now) {
    if (enrollments.isEmpty()) {
      return 0;
    }
    return db.inTransaction("enroll contacts", c -> enroll(c, enrollments, now));
  }

  /** The same, in the caller's transaction. */
  public int enroll(Connection c, List<NewEnrollment> enrollments, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO enrollment (contact_id, journey_id, cycle, status, held_out,"
                + " next_step, variant, enrolled_at, next_step_at, updated_at,"
                + " entered_from, status_reason) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      for (NewEnrollment e : enrollments) {
        ps.setLong(1, e.contactId());
        ps.setString(2, e.journeyId());
        ps.setInt(3, e.cycle());
        ps.setString(
            4, (e.heldOut() ? EnrollmentStatus.HELD_OUT : EnrollmentStatus.ENROLLED).name());
        ps.setBoolean(5, e.heldOut());
        ps.setString(6, e.variant());
        ps.setObject(7, Database.ts(now));
        ps.setObject(8, e.heldOut() ? null : Database.ts(e.nextStepAt()));
        ps.setObject(9, Database.ts(now));
        ps.setObject(10, e.enteredFrom());
        ps.setString(11, e.reason());
        ps.addBatch();
      }
      int n = 0;
      for (int r : ps.executeBatch()) {
        n += Math.max(r, 0);
      }
      return n;
    }
  }

  /** A clicker's run, to be handed to the journey's nurture journey. */
  public record Engaged(long id, long contactId) {}

  /** The runs of {@code journeyId} that ended ENGAGED (a click) and were not handed on yet. */
  public List<Engaged> engagedNotHandedOn(Connection c, String journeyId) throws SQLException {
    return Rows.list(
        c,
        "SELECT id, contact_id FROM enrollment WHERE journey_id = ? AND status = 'ENGAGED'"
            + " AND handed_to IS NULL ORDER BY id",
        rs -> new Engaged(rs.getLong(1), rs.getLong(2)),
        journeyId);
  }

  /** Records that these ENGAGED runs were handed to {@code nurtureId}, with the reason. */
  public void handedOn(Connection c, Map<Long, String> reasons, String nurtureId, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE enrollment SET handed_to = ?, status_reason = ?, updated_at = ? WHERE id = ?"
                + " AND handed_to IS NULL")) {
      for (Map.Entry<Long, String> r : reasons.entrySet()) {
        ps.setString(1, nurtureId);
        ps.setString(2, RejectRepository.truncate(r.getValue(), 300));
        ps.setObject(3, Database.ts(now));
        ps.setLong(4, r.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Locks up to {@code limit} due enrollments of a journey; other instances skip them. */
  public List<Due> lockDue(Connection c, String journeyId, Instant now, int limit)
      throws SQLException {
    List<Due> due = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT n.id, n.contact_id, n.cycle, n.next_step, n.variant, k.email, k.phone,"
                + " n.enrolled_at, n.next_step_at, k.time_zone"
                + " FROM enrollment n JOIN contact k ON k.id = n.contact_id"
                + " WHERE n.journey_id = ? AND n.status = 'ENROLLED' AND n.next_step_at <= ?"
                + " ORDER BY n.next_step_at, n.id FETCH FIRST ? ROWS ONLY"
                + (db.isPostgres(c)
                    ? " FOR UPDATE OF n SKIP LOCKED"
                    : " FOR UPDATE SKIP LOCKED"))) {
      ps.setString(1, journeyId);
      ps.setObject(2, Database.ts(now));
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(
              new Due(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getInt(3),
                  rs.getInt(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  Database.instant(rs.getObject(8)),
                  Database.instant(rs.getObject(9)),
                  rs.getString(10)));
        }
      }
    }
    return due;
  }

  public void advance(Connection c, List<Advance> advances, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE enrollment SET next_step = ?, next_step_at = ?, status = ?,"
                + " status_reason = COALESCE(?, status_reason), updated_at = ? WHERE id = ?")) {
      for (Advance a : advances) {
        ps.setInt(1, a.nextStep());
        ps.setObject(2, Database.ts(a.nextStepAt()));
        ps.setString(3, a.status().name());
        ps.setString(4, a.reason());
        ps.setObject(5, Database.ts(now));
        ps.setLong(6, a.id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Moves enrollments whose contact did {@code eventTypes} after enrolling (events its source
   * deleted do not count) from one of {@code from} to {@code to}, set-based: one contact's ({@code
   * contactId}) or everyone's (null), leaving those of the journeys in {@code exceptJourneys} as
   * they are; returns how many moved.
   */
  public int transition(
      List<EnrollmentStatus> from,
      List<String> eventTypes,
      EnrollmentStatus to,
      String reason,
      Instant now,
      Long contactId,
      Set<String> exceptJourneys) {
    String sql =
        "UPDATE enrollment SET status = ?, status_reason = ?, updated_at = ?, next_step_at = NULL"
            + " WHERE status IN "
            + Sql.in(from)
            + " AND EXISTS (SELECT 1 FROM contact_event e WHERE e.contact_id ="
            + " enrollment.contact_id AND e.type IN "
            + Sql.in(eventTypes)
            + " AND e.occurred_at > enrollment.enrolled_at AND e.deleted_at IS NULL"
            + " AND e.flagged IS NULL)"
            + (contactId == null ? "" : " AND contact_id = ?")
            + (exceptJourneys.isEmpty() ? "" : " AND journey_id NOT IN " + Sql.in(exceptJourneys));
    return db.inTransaction(
        "move enrollments to " + to,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, to.name());
            ps.setString(i++, reason);
            ps.setObject(i++, Database.ts(now));
            for (EnrollmentStatus s : from) {
              ps.setString(i++, s.name());
            }
            for (String t : eventTypes) {
              ps.setString(i++, t);
            }
            if (contactId != null) {
              ps.setLong(i++, contactId);
            }
            for (String j : exceptJourneys) {
              ps.setString(i++, j);
            }
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Ends the running enrollments (ENROLLED, HELD_OUT, ENGAGED) of merged contacts: EXITED, merged
   * into the survivor.
   */
  public void endForMerged(Connection c, List<MergedContact> merged, Instant now)
      throws SQLException {
    Map<Long, String> reasons = new LinkedHashMap<>();
    merged.forEach(m -> reasons.putIfAbsent(m.mergedId(), "merged into contact " + m.survivorId()));
    exitRunning(c, reasons, now);
  }

  /**
   * Ends the running enrollments (ENROLLED, HELD_OUT, ENGAGED) of the given contacts: EXITED, each
   * contact's with its reason.
   */
  public void exitRunning(Connection c, Map<Long, String> reasons, Instant now)
      throws SQLException {
    if (reasons.isEmpty()) {
      return;
    }
    try (PreparedStatement exit =
        c.prepareStatement(
            "UPDATE enrollment SET status = 'EXITED', status_reason = ?, next_step_at = NULL,"
                + " updated_at = ? WHERE contact_id = ? AND status IN ('ENROLLED', 'HELD_OUT',"
                + " 'ENGAGED')")) {
      var at = Database.ts(now);
      for (Map.Entry<Long, String> r : reasons.entrySet()) {
        exit.setString(1, RejectRepository.truncate(r.getValue(), 300));
        exit.setObject(2, at);
        exit.setLong(3, r.getKey());
        exit.addBatch();
      }
      exit.executeBatch();
    }
  }

  /** Enrollments by status, and by whether they were held out. */
  public Map<String, Long> countByStatus() {
    return db.inTransaction(
        "count enrollments",
        c ->
            Counts.grouped(
                c,
                "SELECT CASE WHEN held_out THEN 'control:' ELSE '' END || status, COUNT(*)"
                    + " FROM enrollment GROUP BY held_out, status ORDER BY 1"));
  }
}
