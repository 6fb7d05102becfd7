package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.OrderDetails;

/**
 * The append-only activity history. An event its source deleted stays, marked deleted: it stops
 * counting until the source brings it back.
 */
public final class EventRepository {
  /** An event and the contact it belongs to. */
  /**
   * An event and its contact; for feedback on a message, the outbox row it is about, and why it
   * does not count as engagement ({@code flagged}: a machine open, a scanner click; null: counts).
   */
  public record Owned(long contactId, ContactEvent event, Long outboxId, String flagged) {
    public Owned(long contactId, ContactEvent event) {
      this(contactId, event, null, null);
    }
  }

  /**
   * A contact's latest purchase ({@code at}), and the title of the first item of its latest
   * purchase that names its items ({@code product}, null when none of the recent ones does).
   */
  public record LastPurchase(Instant at, String product) {}

  private final Database db;

  public EventRepository(Database db) {
    this.db = db;
  }

  /** Appends events; one already stored (same source and external id) is skipped. */
  public int append(Connection c, List<Owned> events, Instant now) throws SQLException {
    if (events.isEmpty()) {
      return 0;
    }
    var at = Database.ts(now);
    return new MultiRowInsert<Owned>(
            "contact_event",
            "contact_id, source, external_id, type, occurred_at, amount, currency, detail,"
                + " recorded_at, discount_amount, discount_codes, items, outbox_id, flagged",
            14,
            "ON CONFLICT DO NOTHING",
            (ps, i, o) -> {
              ContactEvent e = o.event();
              ps.setLong(i, o.contactId());
              ps.setString(i + 1, e.source());
              ps.setString(i + 2, e.externalId());
              ps.setString(i + 3, e.type().code());
              ps.setObject(i + 4, Database.ts(e.occurredAt()));
              ps.setBigDecimal(i + 5, e.amount());
              ps.setString(i + 6, e.currency());
              ps.setString(i + 7, e.detail());
              ps.setObject(i + 8, at);
              OrderDetails d = e.order();
              ps.setBigDecimal(i + 9, d == null ? null : d.discountAmount());
              ps.setString(i + 10, d == null ? null : OrderDetailsJson.discountCodes(d));
              ps.setString(i + 11, d == null ? null : OrderDetailsJson.items(d));
              ps.setObject(i + 12, o.outboxId());
              ps.setString(i + 13, o.flagged());
            })
        .insert(c, events);
  }

  /** Appends one event in its own transaction; true if it was new. */
  public boolean append(long contactId, ContactEvent event, Instant now) {
    return append(new Owned(contactId, event), now);
  }

  /** Appends one event (with its message and flag) in its own transaction; true if it was new. */
  public boolean append(Owned event, Instant now) {
    return db.inTransaction(
        "record " + event.event().type().code() + " event",
        c -> append(c, List.of(event), now) == 1);
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
        ps.setArray(2, Sql.texts(c, deleted));
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
      ps.setArray(2, Sql.texts(c, externalIds));
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

  /** A contact's event by type and moment: what a journey step's condition looks at. */
  public record Happened(String type, Instant at) {}

  /**
   * The live events of {@code types} of each of {@code contactIds} at or after {@code since}, by
   * contact, in order of time; flagged ones (a machine open, a scanner click) left out.
   */
  public Map<Long, List<Happened>> happenedSince(
      Connection c, Collection<Long> contactIds, Collection<String> types, Instant since)
      throws SQLException {
    Map<Long, List<Happened>> out = new HashMap<>();
    if (contactIds.isEmpty() || types.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT contact_id, type, occurred_at FROM contact_event WHERE contact_id = ANY (?)"
                + " AND occurred_at >= ? AND deleted_at IS NULL AND flagged IS NULL AND type ="
                + " ANY (?)"
                + " ORDER BY contact_id, occurred_at")) {
      ps.setArray(1, c.createArrayOf("bigint", contactIds.toArray()));
      ps.setObject(2, Database.ts(since));
      ps.setArray(3, Sql.texts(c, types));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Happened(rs.getString(2), Database.instant(rs.getObject(3))));
        }
      }
    }
    return out;
  }

  /**
   * The latest purchase of the contact or of those merged into it (deleted ones do not count), and
   * the last product bought among its latest twenty purchases; empty when it bought nothing.
   */
  public Optional<LastPurchase> lastPurchase(long contactId) {
    return db.inTransaction(
        "read a contact's last purchase",
        c -> {
          Instant at = null;
          String product = null;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT occurred_at, items FROM contact_event WHERE contact_id IN (SELECT id FROM"
                      + " contact WHERE id = ? OR merged_into = ?) AND type = 'purchase' AND"
                      + " deleted_at IS NULL ORDER BY occurred_at DESC FETCH FIRST 20 ROWS ONLY")) {
            ps.setLong(1, contactId);
            ps.setLong(2, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && product == null) {
                at = at != null ? at : Database.instant(rs.getObject(1));
                product = OrderDetailsJson.firstTitle(rs.getString(2));
              }
            }
          }
          return at == null ? Optional.empty() : Optional.of(new LastPurchase(at, product));
        });
  }

  public long countByType(String type) {
    return db.inTransaction(
        "count events",
        c -> Counts.single(c, "SELECT COUNT(*) FROM contact_event WHERE type = ?", type));
  }
}
