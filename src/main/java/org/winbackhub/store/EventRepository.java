package org.winbackhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.OrderDetails;

/** The append-only activity history. */
public final class EventRepository {
  /** An event and the contact it belongs to. */
  public record Owned(long contactId, ContactEvent event) {}

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
                + " recorded_at, discount_amount, discount_codes, items",
            12,
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
            })
        .insert(c, events);
  }

  /** Appends one event in its own transaction; true if it was new. */
  public boolean append(long contactId, ContactEvent event, Instant now) {
    return db.inTransaction(
        "record " + event.type().code() + " event",
        c -> append(c, List.of(new Owned(contactId, event)), now) == 1);
  }

  public long countByType(String type) {
    return db.inTransaction(
        "count events",
        c -> Counts.single(c, "SELECT COUNT(*) FROM contact_event WHERE type = ?", type));
  }
}
