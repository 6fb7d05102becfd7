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
 * The contacts' side of what sources deleted, kept rather than forgotten: source references that
 * ended (with when and why) and contacts archived because no live reference is left; and the
 * undoing of each when a source brings the record back. Nothing is removed: a deleted record is a
 * state of its row. Deleted events are {@link EventRepository}'s; what archiving does to journeys
 * and queued messages is theirs, coordinated by the caller.
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
      ps.setArray(2, Sql.texts(c, byId.keySet()));
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
    Array ids = Sql.texts(c, externalIds);
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
   * Archives those of the given contacts that no live reference leads to any more; returns the
   * contacts archived. Only the contacts' side: their journeys and queued messages are the caller's
   * to end in the same transaction (intake's {@code ContactArchive}).
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
}
