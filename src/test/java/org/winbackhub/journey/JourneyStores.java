package org.winbackhub.journey;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.TestContacts;
import org.winbackhub.store.TestStores;

/** Contacts, events and planners for the journey engine's store tests. */
final class JourneyStores {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  private JourneyStores() {}

  /**
   * A contact in {@code lifecycle} with an email (unless null), a phone and a time zone (each may
   * be null), consent to both channels unknown but not refused.
   */
  static long contact(
      Database db, Instant at, String email, String phone, String zone, Lifecycle lifecycle) {
    Contact person = new Contact(0, email, phone, "Ana", null, Consent.UNKNOWN, Consent.UNKNOWN);
    long id = TestContacts.insert(db, at, person).get(0);
    db.inTransaction(
        "zone",
        c -> {
          try (PreparedStatement zoneOf =
              c.prepareStatement("UPDATE contact SET time_zone = ? WHERE id = ?")) {
            zoneOf.setString(1, zone);
            zoneOf.setLong(2, id);
            return zoneOf.executeUpdate();
          }
        });
    lifecycle(db, id, lifecycle, at);
    return id;
  }

  /** Puts the contact in {@code lifecycle} (its facts otherwise empty), as a segment run would. */
  static void lifecycle(Database db, long contactId, Lifecycle lifecycle, Instant at) {
    db.inTransaction(
        "facts",
        c -> {
          try (PreparedStatement del =
                  c.prepareStatement("DELETE FROM contact_fact WHERE contact_id = ?");
              PreparedStatement fact =
                  c.prepareStatement(
                      "INSERT INTO contact_fact (contact_id, purchase_count, total_spend,"
                          + " complaint_count, lifecycle, lifecycle_reason, computed_at,"
                          + " lifecycle_since) VALUES (?, 0, 0, 0, ?, 'test', ?, ?)")) {
            del.setLong(1, contactId);
            del.executeUpdate();
            fact.setLong(1, contactId);
            fact.setString(2, lifecycle.name());
            fact.setObject(3, Database.ts(at));
            fact.setObject(4, Database.ts(at));
            return fact.executeUpdate();
          }
        });
  }

  static long lapsed(Database db, Instant at, String email) {
    return contact(db, at, email, null, null, Lifecycle.LAPSED);
  }

  /** Records that the contact clicked (a tracked link of some message) at {@code at}. */
  static void clicked(Database db, long contactId, Instant at) {
    new EventRepository(db)
        .append(
            contactId,
            new ContactEvent(
                "hub",
                "click:" + contactId + ":" + at,
                EventType.EMAIL_CLICKED,
                at,
                null,
                null,
                null),
            at);
  }

  /** Records a purchase of the contact at {@code at}. */
  static void bought(Database db, long contactId, Instant at) {
    new EventRepository(db)
        .append(
            contactId,
            new ContactEvent(
                "shop",
                "order:" + contactId + ":" + at,
                EventType.PURCHASE,
                at,
                new BigDecimal("25.00"),
                "EUR",
                null),
            at);
  }

  static JourneyPlanner planner(Database db, Clock clock, FrequencyCap cap, Journey... journeys) {
    return new JourneyPlanner(
        db,
        new EnrollmentRepository(db),
        new OutboxRepository(db, new EventRepository(db)),
        List.of(journeys),
        MADRID,
        cap,
        clock);
  }

  /** The outbox rows, by id. */
  static List<Map<String, Object>> outbox(DataSource ds) throws Exception {
    return TestStores.rows(
        ds,
        "SELECT contact_id, journey_id, step_id, variant, template, subject, not_before,"
            + " idempotency_key FROM outbox ORDER BY id");
  }

  /** The enrollments, by id. */
  static List<Map<String, Object>> enrollments(DataSource ds) throws Exception {
    return TestStores.rows(
        ds,
        "SELECT id, contact_id, journey_id, cycle, status, status_reason, handed_to, entered_from"
            + " FROM enrollment ORDER BY id");
  }

  static Instant instant(Object value) {
    return Database.instant(value);
  }
}
