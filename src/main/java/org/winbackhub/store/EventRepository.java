package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.winbackhub.model.ContactEvent;

/** The append-only activity history. */
public final class EventRepository {
  private static final String INSERT =
      "INSERT INTO contact_event (contact_id, source, external_id, type, occurred_at, amount,"
          + " currency, detail, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

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
    int inserted = 0;
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (Owned o : events) {
        ContactEvent e = o.event();
        ps.setLong(1, o.contactId());
        ps.setString(2, e.source());
        ps.setString(3, e.externalId());
        ps.setString(4, e.type().code());
        ps.setObject(5, Database.ts(e.occurredAt()));
        ps.setBigDecimal(6, e.amount());
        ps.setString(7, e.currency());
        ps.setString(8, e.detail());
        ps.setObject(9, Database.ts(now));
        ps.addBatch();
      }
      for (int n : ps.executeBatch()) {
        // PostgreSQL with batched rewrites reports SUCCESS_NO_INFO (-2) per row
        inserted += n > 0 ? n : (n == PreparedStatement.SUCCESS_NO_INFO ? 1 : 0);
      }
    }
    return inserted;
  }

  /** Appends one event in its own transaction; true if it was new. */
  public boolean append(long contactId, ContactEvent event, Instant now) {
    return db.inTransaction(
        "record " + event.type().code() + " event",
        c -> append(c, List.of(new Owned(contactId, event)), now) == 1);
  }

  public long countByType(String type) {
    return db.inTransaction(
        "count events", c -> Counts.single(c, "SELECT COUNT(*) FROM contact_event WHERE type = ?", type));
  }
}
