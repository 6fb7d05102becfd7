package org.winbackhub.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What sources deleted, kept rather than forgotten: source references that ended (with when and
 * why), contacts archived because no live reference is left, events that stop counting; and the
 * undoing of each when a source brings the record back. Nothing is removed: a deleted record is a
 * state of its row.
 */
public final class DeletionRepository {
  /**
   * Whether a live reference leads to the contact in {@code alias}: its own, or one of a contact
   * merged into it.
   */
  private static String liveRef(String alias) {
    return "(EXISTS (SELECT 1 FROM source_ref r WHERE r.contact_id = "
        + alias
        + ".id AND r.ended_at IS NULL)"
        + " OR EXISTS (SELECT 1 FROM contact m JOIN source_ref r ON r.contact_id = m.id"
        + " WHERE m.merged_into = "
        + alias
        + ".id AND r.ended_at IS NULL))";
  }

  /**
   * A reference of a record deleted in its source, with why; {@code archiveReason} for a contact it
   * leaves without any.
   */
  public record Ending(String externalId, String why, String archiveReason) {}

  /**
   * Ends the live references among {@code endings}; returns each reference ended (external id) with
   * the contact it leads to (after merges).
   */
  public Map<String, Long> endRefs(
      Connection c, String source, Collection<Ending> endings, Instant now) throws SQLException {
    Map<String, Ending> byId = new LinkedHashMap<>();
    endings.forEach(e -> byId.put(e.externalId(), e));
    Map<String, Long> ended = new LinkedHashMap<>();
    if (byId.isEmpty()) {
      return ended;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.external_id, COALESCE(k.merged_into, k.id) FROM source_ref r JOIN contact k"
                + " ON k.id = r.contact_id WHERE r.source = ? AND r.external_id = ANY (?) AND"
                + " r.ended_at IS NULL")) {
      ps.setString(1, source);
      ps.setArray(2, texts(c, byId.keySet()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ended.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE source_ref SET ended_at = ?, end_reason = ? WHERE source = ? AND external_id ="
                + " ? AND ended_at IS NULL")) {
      for (String id : ended.keySet()) {
        ps.setObject(1, Database.ts(now));
        ps.setString(2, RejectRepository.truncate(byId.get(id).why(), 300));
        ps.setString(3, source);
        ps.setString(4, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return ended;
  }

  /**
   * Makes the ended references among {@code externalIds} live again; returns the contacts they lead
   * to.
   */
  public Set<Long> reopenRefs(Connection c, String source, Collection<String> externalIds)
      throws SQLException {
    Set<Long> owners = new LinkedHashSet<>();
    if (externalIds.isEmpty()) {
      return owners;
    }
    Array ids = texts(c, externalIds);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT COALESCE(k.merged_into, k.id) FROM source_ref r JOIN contact k ON k.id"
                + " = r.contact_id WHERE r.source = ? AND r.external_id = ANY (?) AND r.ended_at IS"
                + " NOT NULL")) {
      ps.setString(1, source);
      ps.setArray(2, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          owners.add(rs.getLong(1));
        }
      }
    }
    if (!owners.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE source_ref SET ended_at = NULL, end_reason = NULL WHERE source = ? AND"
                  + " external_id = ANY (?) AND ended_at IS NOT NULL")) {
        ps.setString(1, source);
        ps.setArray(2, ids);
        ps.executeUpdate();
      }
    }
    return owners;
  }

  /**
   * Keeps references to records deleted before the hub ever saw them, each on an archived contact
   * of its own without any field: what the source later says about them (an invoice, a case)
   * belongs to that contact and counts for no one, and an undelete brings it back like any record.
   */
  public void keepUnseen(Connection c, String source, List<Ending> endings, Instant now)
      throws SQLException {
    if (endings.isEmpty()) {
      return;
    }
    var at = Database.ts(now);
    List<Long> ids =
        new MultiRowInsert<Ending>(
                "contact",
                "email_consent, sms_consent, archived_at, archive_reason, created_at, updated_at",
                6,
                null,
                (ps, i, e) -> {
                  ps.setString(i, "UNKNOWN");
                  ps.setString(i + 1, "UNKNOWN");
                  ps.setObject(i + 2, at);
                  ps.setString(i + 3, RejectRepository.truncate(e.archiveReason(), 300));
                  ps.setObject(i + 4, at);
                  ps.setObject(i + 5, at);
                })
            .insertReturningIds(c, endings);
    List<Map.Entry<Ending, Long>> refs = new ArrayList<>();
    for (int i = 0; i < endings.size(); i++) {
      refs.add(Map.entry(endings.get(i), ids.get(i)));
    }
    new MultiRowInsert<Map.Entry<Ending, Long>>(
            "source_ref",
            "source, external_id, contact_id, first_seen_at, ended_at, end_reason",
            6,
            "ON CONFLICT DO NOTHING",
            (ps, i, ref) -> {
              ps.setString(i, source);
              ps.setString(i + 1, ref.getKey().externalId());
              ps.setLong(i + 2, ref.getValue());
              ps.setObject(i + 3, at);
              ps.setObject(i + 4, at);
              ps.setString(i + 5, RejectRepository.truncate(ref.getKey().why(), 300));
            })
        .insert(c, refs);
  }

  /**
   * Archives those of the given contacts that no live reference leads to any more: their running
   * journeys end (EXITED, with the reason) and their messages not yet handed to a provider are
   * withdrawn. Returns the contacts archived.
   */
  public List<Long> archiveUnreferenced(Connection c, Map<Long, String> reasons, Instant now)
      throws SQLException {
    List<Long> archived = new ArrayList<>();
    if (reasons.isEmpty()) {
      return archived;
    }
    var at = Database.ts(now);
    List<Long> ids = new ArrayList<>(reasons.keySet());
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE contact SET archived_at = ?, archive_reason = ?, updated_at = ?"
                + " WHERE id = ? AND archived_at IS NULL AND merged_into IS NULL AND NOT "
                + liveRef("contact"))) {
      for (Long id : ids) {
        ps.setObject(1, at);
        ps.setString(2, RejectRepository.truncate(reasons.get(id), 300));
        ps.setObject(3, at);
        ps.setLong(4, id);
        ps.addBatch();
      }
      int[] done = ps.executeBatch();
      for (int i = 0; i < done.length; i++) {
        if (done[i] > 0) {
          archived.add(ids.get(i));
        }
      }
    }
    // the journeys first: a planner that holds one of them commits its messages before this
    // statement goes on, and the next one then withdraws them
    try (PreparedStatement exit =
            c.prepareStatement(
                "UPDATE enrollment SET status = 'EXITED', status_reason = ?, next_step_at = NULL,"
                    + " updated_at = ? WHERE contact_id = ? AND status IN ('ENROLLED', 'HELD_OUT',"
                    + " 'ENGAGED')");
        PreparedStatement withdraw =
            c.prepareStatement(
                "UPDATE outbox SET status = 'WITHDRAWN', last_error = ? WHERE status IN ('PENDING',"
                    + " 'CLAIMED') AND (contact_id = ? OR contact_id IN (SELECT m.id FROM contact m"
                    + " WHERE m.merged_into = ?))")) {
      for (Long id : archived) {
        exit.setString(1, RejectRepository.truncate("contact archived: " + reasons.get(id), 300));
        exit.setObject(2, at);
        exit.setLong(3, id);
        exit.addBatch();
        withdraw.setString(
            1, RejectRepository.truncate("withdrawn, contact archived: " + reasons.get(id), 500));
        withdraw.setLong(2, id);
        withdraw.setLong(3, id);
        withdraw.addBatch();
      }
      exit.executeBatch();
      withdraw.executeBatch();
    }
    return archived;
  }

  /**
   * Brings back those of the given archived contacts that a live reference leads to again; returns
   * how many.
   */
  public int unarchiveReferenced(Connection c, Collection<Long> contacts, Instant now)
      throws SQLException {
    if (contacts.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE contact SET archived_at = NULL, archive_reason = NULL, updated_at = ?"
                + " WHERE id = ANY (?) AND archived_at IS NOT NULL AND "
                + liveRef("contact"))) {
      ps.setObject(1, Database.ts(now));
      ps.setArray(2, c.createArrayOf("bigint", contacts.toArray()));
      return ps.executeUpdate();
    }
  }

  /**
   * Marks the live events among {@code reasons} (external id to why) deleted, so they stop
   * counting; their contacts are marked changed, so the next segment run reclassifies them. Returns
   * how many were live.
   */
  public int deleteEvents(Connection c, String source, Map<String, String> reasons, Instant now)
      throws SQLException {
    List<String> live = eventsIn(c, source, reasons.keySet(), false, now);
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE contact_event SET deleted_at = ?, deleted_reason = ? WHERE source = ? AND"
                + " external_id = ? AND deleted_at IS NULL")) {
      for (String id : live) {
        ps.setObject(1, Database.ts(now));
        ps.setString(2, RejectRepository.truncate(reasons.get(id), 300));
        ps.setString(3, source);
        ps.setString(4, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return live.size();
  }

  /**
   * Makes the deleted events among {@code externalIds} count again (their contacts marked changed);
   * returns how many.
   */
  public int restoreEvents(Connection c, String source, Collection<String> externalIds, Instant now)
      throws SQLException {
    List<String> deleted = eventsIn(c, source, externalIds, true, now);
    if (!deleted.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE contact_event SET deleted_at = NULL, deleted_reason = NULL WHERE source = ?"
                  + " AND external_id = ANY (?)")) {
        ps.setString(1, source);
        ps.setArray(2, texts(c, deleted));
        ps.executeUpdate();
      }
    }
    return deleted.size();
  }

  /**
   * The events among {@code externalIds} that are deleted (or live); the contacts they count for
   * are marked changed now, which is how a segment run finds what to reclassify.
   */
  private static List<String> eventsIn(
      Connection c, String source, Collection<String> externalIds, boolean deleted, Instant now)
      throws SQLException {
    List<String> found = new ArrayList<>();
    if (externalIds.isEmpty()) {
      return found;
    }
    Set<Long> owners = new LinkedHashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.external_id, COALESCE(k.merged_into, k.id) FROM contact_event e JOIN contact"
                + " k ON k.id = e.contact_id WHERE e.source = ? AND e.external_id = ANY (?) AND"
                + " e.deleted_at IS "
                + (deleted ? "NOT NULL" : "NULL"))) {
      ps.setString(1, source);
      ps.setArray(2, texts(c, externalIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
          owners.add(rs.getLong(2));
        }
      }
    }
    if (!owners.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE contact SET updated_at = ? WHERE id = ANY (?)")) {
        ps.setObject(1, Database.ts(now));
        ps.setArray(2, c.createArrayOf("bigint", owners.toArray()));
        ps.executeUpdate();
      }
    }
    return found;
  }

  private static Array texts(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("varchar", values.toArray());
  }
}
