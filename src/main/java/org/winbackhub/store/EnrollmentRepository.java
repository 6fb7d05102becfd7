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
import org.winbackhub.model.Channel;
import org.winbackhub.model.EnrollmentStatus;

/** Contacts' runs through journeys. */
public final class EnrollmentRepository {

  public record NewEnrollment(
      long contactId, String journeyId, boolean heldOut, String variant, Instant nextStepAt) {}

  /** An enrollment whose next step is due, with the contact's addresses. */
  public record Due(
      long id,
      long contactId,
      int cycle,
      int nextStep,
      String variant,
      String email,
      String phone) {}

  public record Advance(
      long id, int nextStep, Instant nextStepAt, EnrollmentStatus status, String reason) {}

  private final Database db;

  public EnrollmentRepository(Database db) {
    this.db = db;
  }

  /**
   * Contacts that may enter {@code journeyId}: in one of {@code lifecycles}, not archived,
   * reachable and not opted out or suppressed on {@code channel}, and never enrolled in this
   * journey before, neither itself nor any contact merged into it.
   */
  public List<Long> audience(String journeyId, List<String> lifecycles, Channel channel) {
    return audience(journeyId, new AudienceFilter(lifecycles, List.of(), "include", null), channel);
  }

  /**
   * Who a journey may take beyond lifecycle: treatments (empty: any), what to do with email sunset
   * candidates ({@code exclude}, {@code include}, {@code only}), a minimum value score.
   */
  public record AudienceFilter(
      List<String> lifecycles, List<String> treatments, String sunset, Integer minScore) {}

  public List<Long> audience(String journeyId, AudienceFilter filter, Channel channel) {
    List<String> lifecycles = filter.lifecycles();
    String address = channel == Channel.EMAIL ? "k.email" : "k.phone";
    String consent = channel == Channel.EMAIL ? "k.email_consent" : "k.sms_consent";
    String sql =
        "SELECT k.id FROM contact k JOIN contact_fact f ON f.contact_id = k.id"
            + " WHERE k.merged_into IS NULL AND k.archived_at IS NULL AND f.lifecycle IN "
            + Sql.in(lifecycles)
            + " AND "
            + address
            + " IS NOT NULL AND "
            + consent
            + " <> 'OPTED_OUT'"
            + (filter.treatments().isEmpty()
                ? ""
                : " AND f.treatment IN " + Sql.in(filter.treatments()))
            + (channel != Channel.EMAIL || filter.sunset().equals("include")
                ? ""
                : filter.sunset().equals("only") ? " AND f.sunset" : " AND NOT f.sunset")
            + (filter.minScore() == null
                ? ""
                : " AND f.value_score >= " + filter.minScore().intValue())
            + " AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.channel = ? AND s.address = "
            + (channel == Channel.EMAIL ? "k.email_key" : address) // suppressed addresses are keys
            + ")"
            // a contact merged into this one counts as this one: its enrollment (and the mail it
            // got) is the person's, so the survivor does not enter the journey a second time
            + " AND NOT EXISTS (SELECT 1 FROM enrollment n WHERE n.contact_id = k.id"
            + " AND n.journey_id = ?)"
            + " AND NOT EXISTS (SELECT 1 FROM contact m JOIN enrollment n ON n.contact_id = m.id"
            + " WHERE m.merged_into = k.id AND n.journey_id = ?)"
            + " ORDER BY k.id";
    return db.inTransaction(
        "select journey audience",
        c -> {
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String l : lifecycles) {
              ps.setString(i++, l);
            }
            for (String t : filter.treatments()) {
              ps.setString(i++, t);
            }
            ps.setString(i++, channel.code());
            ps.setString(i++, journeyId);
            ps.setString(i, journeyId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getLong(1));
              }
            }
          }
          return ids;
        });
  }

  /** Enrolls contacts; one already enrolled in this journey's cycle is left as it is. */
  public int enroll(List<NewEnrollment> enrollments, Instant now) {
    if (enrollments.isEmpty()) {
      return 0;
    }
    return db.inTransaction(
        "enroll contacts",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO enrollment (contact_id, journey_id, cycle, status, held_out,"
                      + " next_step, variant, enrolled_at, next_step_at, updated_at)"
                      + " VALUES (?, ?, 1, ?, ?, 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (NewEnrollment e : enrollments) {
              ps.setLong(1, e.contactId());
              ps.setString(2, e.journeyId());
              ps.setString(
                  3, (e.heldOut() ? EnrollmentStatus.HELD_OUT : EnrollmentStatus.ENROLLED).name());
              ps.setBoolean(4, e.heldOut());
              ps.setString(5, e.variant());
              ps.setObject(6, Database.ts(now));
              ps.setObject(7, e.heldOut() ? null : Database.ts(e.nextStepAt()));
              ps.setObject(8, Database.ts(now));
              ps.addBatch();
            }
            int n = 0;
            for (int r : ps.executeBatch()) {
              n += Math.max(r, 0);
            }
            return n;
          }
        });
  }

  /** Locks up to {@code limit} due enrollments of a journey; other instances skip them. */
  public List<Due> lockDue(Connection c, String journeyId, Instant now, int limit)
      throws SQLException {
    List<Due> due = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT n.id, n.contact_id, n.cycle, n.next_step, n.variant, k.email, k.phone"
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
                  rs.getString(7)));
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
   * deleted do not count) from one of {@code from} to {@code to}, set-based; returns how many
   * moved.
   */
  public int transition(
      List<EnrollmentStatus> from,
      List<String> eventTypes,
      EnrollmentStatus to,
      String reason,
      Instant now) {
    return transition(from, eventTypes, to, reason, now, null);
  }

  /** The same for one contact's enrollments only (null: every contact). */
  public int transition(
      List<EnrollmentStatus> from,
      List<String> eventTypes,
      EnrollmentStatus to,
      String reason,
      Instant now,
      Long contactId) {
    String sql =
        "UPDATE enrollment SET status = ?, status_reason = ?, updated_at = ?, next_step_at = NULL"
            + " WHERE status IN "
            + Sql.in(from)
            + " AND EXISTS (SELECT 1 FROM contact_event e WHERE e.contact_id ="
            + " enrollment.contact_id AND e.type IN "
            + Sql.in(eventTypes)
            + " AND e.occurred_at > enrollment.enrolled_at AND e.deleted_at IS NULL)"
            + (contactId == null ? "" : " AND contact_id = ?");
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
              ps.setLong(i, contactId);
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
