package org.winbackhub.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A contact's runs through journeys and the messages of each, for {@code explain}. */
public final class JourneyHistory {

  /** One message of a run: its step, channel, variant, status, and when it went or is due. */
  public record Message(String stepId, String channel, String variant, String status, Instant at) {}

  /**
   * One run: the journey, its number, its status and the cause kept with it, when it began and last
   * moved, the journey a click handed it to, and its messages.
   */
  public record Run(
      long id,
      String journeyId,
      int cycle,
      String status,
      String reason,
      Instant enrolledAt,
      Instant updatedAt,
      Instant nextStepAt,
      String handedTo,
      List<Message> messages) {}

  private final Database db;

  public JourneyHistory(Database db) {
    this.db = db;
  }

  /** The contact's runs, oldest first, each with its messages in order. */
  public List<Run> runs(long contactId) {
    return db.inTransaction(
        "read journey history",
        c -> {
          Map<Long, List<Message>> messages = new LinkedHashMap<>();
          for (Object[] m :
              Rows.list(
                  c,
                  "SELECT enrollment_id, step_id, channel, variant, status,"
                      + " COALESCE(sent_at, not_before) FROM outbox WHERE contact_id = ?"
                      + " AND enrollment_id IS NOT NULL ORDER BY id",
                  rs ->
                      new Object[] {
                        rs.getLong(1),
                        new Message(
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            Database.instant(rs.getObject(6)))
                      },
                  contactId)) {
            messages.computeIfAbsent((Long) m[0], k -> new ArrayList<>()).add((Message) m[1]);
          }
          return Rows.list(
              c,
              "SELECT id, journey_id, cycle, status, status_reason, enrolled_at, updated_at,"
                  + " next_step_at, handed_to FROM enrollment WHERE contact_id = ? ORDER BY"
                  + " enrolled_at, id",
              rs ->
                  new Run(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getInt(3),
                      rs.getString(4),
                      rs.getString(5),
                      Database.instant(rs.getObject(6)),
                      Database.instant(rs.getObject(7)),
                      Database.instant(rs.getObject(8)),
                      rs.getString(9),
                      messages.getOrDefault(rs.getLong(1), List.of())),
              contactId);
        });
  }
}
