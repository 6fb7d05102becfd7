package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.winbackhub.journey.Journey;
import org.winbackhub.journey.JourneyPlanner;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.segment.Explainer;
import org.winbackhub.segment.InactivityPolicy;
import org.winbackhub.segment.Segmenter;
import org.winbackhub.segment.classify.SegmentRuns;
import org.winbackhub.store.ClaimScope;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.PurchaseHistoryRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.MovingClock;

/**
 * Records deleted in their source, on H2 and PostgreSQL: a contact only one source knew is archived
 * (out of segments and journeys, its queued mail withdrawn), one another source knows stays, a
 * deleted purchase stops counting in the facts, and each comes back when the source undeletes it.
 * The clock moves an hour between steps, so a segment run only sees what was marked changed.
 */
class SourceDeletionsStoreIT {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  static final class Hub implements AutoCloseable {
    final HikariDataSource ds;
    final MovingClock clock = new MovingClock(START);
    final Database db;
    final ContactRepository contacts;
    final FactRepository facts;
    final ContactIntake intake;
    final Segmenter segmenter;
    final OutboxRepository outbox;
    final JourneyPlanner planner;
    final Explainer explainer;

    Hub(String kind) throws Exception {
      ds = TestStores.of(kind, "deletions_store");
      db = new Database(ds);
      contacts = new ContactRepository(db);
      EventRepository events = new EventRepository(db);
      facts = new FactRepository(db);
      intake = new ContactIntake(db, contacts, events, new RejectRepository(db), clock);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "UTC");
      segmenter =
          new Segmenter(
              new SegmentRuns(db),
              facts,
              new PurchaseModelRepository(db),
              new PurchaseHistoryRepository(db),
              policy,
              clock);
      outbox = new OutboxRepository(db, events);
      Journey journey =
          new Journey(
              "winback",
              null,
              new Journey.Audience(List.of(Lifecycle.NEW, Lifecycle.ACTIVE), Channel.EMAIL),
              "0%",
              List.of(
                  new Journey.Step(
                      "s1",
                      TimeSpan.parse("P0D"),
                      new Journey.Send(Channel.EMAIL, "email/x", "Hi")),
                  new Journey.Step(
                      "s2",
                      TimeSpan.parse("P7D"),
                      new Journey.Send(Channel.EMAIL, "email/x", "Hi again"))),
              null);
      planner =
          new JourneyPlanner(
              db, new EnrollmentRepository(db), outbox, List.of(journey), ZoneOffset.UTC, clock);
      explainer =
          new Explainer(
              facts,
              new PurchaseModelRepository(db),
              contacts,
              new RejectRepository(db),
              new CouponListing(db),
              policy,
              clock);
    }

    static SourceRecord person(String source, String id, String email, String name) {
      return new SourceRecord(
          new SourceContact(source, id, email, null, name, null, Consent.GRANTED, Consent.UNKNOWN),
          List.of());
    }

    SourceRecord purchase(
        String source, String contactKey, String key, int daysAgo, String amount) {
      return new SourceRecord(
          new SourceContact(
              source, contactKey, null, null, null, null, Consent.UNKNOWN, Consent.UNKNOWN),
          List.of(
              new ContactEvent(
                  source,
                  "purchase:" + key,
                  EventType.PURCHASE,
                  clock.instant().minus(Duration.ofDays(daysAgo)),
                  new BigDecimal(amount),
                  "EUR",
                  null)));
    }

    ContactIntake.Result take(String source, SourceRecord... records) {
      clock.advance(Duration.ofHours(1));
      return intake.ingest(source, List.of(records), List.of());
    }

    ContactIntake.Result take(String source, DeletedRows deleted, SourceRecord... records) {
      clock.advance(Duration.ofHours(1));
      return intake.ingest(source, List.of(records), List.of(), deleted);
    }

    SegmentRuns.RunResult segment() {
      clock.advance(Duration.ofHours(1));
      return segmenter.incremental();
    }

    long id(String email) {
      return contacts.findByEmail(email).orElseThrow().id();
    }

    List<Map<String, Object>> rows(String sql) throws Exception {
      return TestStores.rows(ds, sql);
    }

    Object one(String sql) throws Exception {
      return rows(sql).get(0).values().iterator().next();
    }

    @Override
    public void close() {
      ds.close();
    }
  }

  static DeletedRows contactDeleted(String id) {
    DeletedRows d = new DeletedRows();
    d.contactDeleted(id, "deleted in the source (archived = true)");
    return d;
  }

  @OnBothStores
  void
      a_contact_deleted_in_its_only_source_is_archived_leaves_its_journey_and_its_queued_mail_is_withdrawn(
          String kind) throws Exception {
    try (Hub hub = new Hub(kind)) {
      hub.take(
          "crm",
          Hub.person("crm", "C1", "ana@example.com", "Ana"),
          Hub.person("crm", "C2", "blas@example.com", "Blas"));
      hub.take(
          "crm",
          hub.purchase("crm", "C1", "SO-1", 10, "20.00"),
          hub.purchase("crm", "C2", "SO-2", 12, "30.00"));
      hub.segment();
      JourneyPlanner.Result planned = hub.planner.planAll().get(0);
      assertThat(planned.enrolled()).isEqualTo(2);
      long ana = hub.id("ana@example.com");
      assertThat(
              hub.one(
                  "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' AND contact_id = " + ana))
          .isEqualTo(1L);

      ContactIntake.Result r = hub.take("crm", contactDeleted("C1"));
      assertThat(r.deleted()).isEqualTo(1);

      // the reference ends, kept with when and why
      assertThat(
              hub.rows(
                      "SELECT ended_at, end_reason FROM source_ref WHERE source = 'crm' AND"
                          + " external_id = 'C1'")
                  .get(0))
          .containsEntry("end_reason", "deleted in the source (archived = true)")
          .extractingByKey("ended_at")
          .isNotNull();
      // archived: out of the count of contacts, out of its journey, its queued mail withdrawn
      assertThat(hub.contacts.count()).isEqualTo(1);
      assertThat(
              hub.rows("SELECT status, status_reason FROM enrollment WHERE contact_id = " + ana)
                  .get(0))
          .containsEntry("status", "EXITED")
          .containsEntry(
              "status_reason",
              "contact archived: no live source reference: crm C1 deleted in the source (archived ="
                  + " true)");
      assertThat(hub.rows("SELECT status, last_error FROM outbox WHERE contact_id = " + ana).get(0))
          .containsEntry("status", "WITHDRAWN");
      assertThat(hub.outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", hub.clock.instant()))
          .extracting(m -> m.recipient())
          .containsExactly("blas@example.com");
      // a message written for it all the same (a planner that raced the archiving) is withdrawn at
      // the claim
      hub.db.inTransaction(
          "late message",
          c ->
              hub.outbox.enqueue(
                  c,
                  List.of(
                      new OutboxRepository.NewMessage(
                          "late:" + ana,
                          ana,
                          null,
                          "winback",
                          "s1",
                          Channel.EMAIL,
                          "ana@example.com",
                          "email/x",
                          "Hi",
                          null,
                          null,
                          hub.clock.instant())),
                  hub.clock.instant()));
      assertThat(hub.outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", hub.clock.instant()))
          .isEmpty();
      assertThat(hub.one("SELECT status FROM outbox WHERE idempotency_key = 'late:" + ana + "'"))
          .isEqualTo("WITHDRAWN");

      // the next segment run takes it out of its segment and says why; explain says it is archived
      hub.segment();
      assertThat(hub.facts.find(ana)).isEmpty();
      assertThat(hub.facts.memberships(ana))
          .singleElement()
          .satisfies(
              m ->
                  assertThat(m.leftReason())
                      .isEqualTo(
                          "archived: no live source reference: crm C1 deleted in the source"
                              + " (archived = true)"));
      Explainer.Explanation why = hub.explainer.explain(ana).orElseThrow();
      assertThat(why.lifecycle()).isEqualTo("ARCHIVED");
      assertThat(why.text())
          .contains(
              "ARCHIVED since 2026-03-02: no live source reference: crm C1 deleted in the source")
          .contains("crm C1 (ended 2026-03-02: deleted in the source (archived = true))");
      // no journey takes it again
      assertThat(hub.planner.planAll().get(0).enrolled()).isZero();

      // its invoices still arrive (a deletion is no erasure) and count for no one
      hub.take("crm", hub.purchase("crm", "C1", "SO-9", 1, "99.00"));
      hub.segment();
      assertThat(hub.facts.find(ana)).isEmpty();

      // undeleted in the source: the same contact comes back, with its history
      DeletedRows back = new DeletedRows();
      back.contactLive("C1");
      hub.take("crm", back, Hub.person("crm", "C1", "ana@example.com", "Ana"));
      assertThat(hub.contacts.count()).isEqualTo(2);
      assertThat(hub.id("ana@example.com")).isEqualTo(ana);
      assertThat(hub.one("SELECT COUNT(*) FROM source_ref WHERE ended_at IS NOT NULL"))
          .isEqualTo(0L);
      hub.segment();
      FactRepository.Facts facts = hub.facts.find(ana).orElseThrow();
      assertThat(facts.purchaseCount()).isEqualTo(2);
      assertThat(facts.lifecycle()).isEqualTo("NEW");
    }
  }

  @OnBothStores
  void a_contact_another_source_still_knows_stays_with_the_fields_it_has(String kind)
      throws Exception {
    try (Hub hub = new Hub(kind)) {
      hub.take("crm", Hub.person("crm", "C7", "gala@example.com", "Gala"));
      hub.take(
          "loyalty",
          Hub.person("loyalty", "L7", "gala@example.com", null),
          hub.purchase("loyalty", "L7", "T7", 5, "12.00"));
      hub.segment();
      long gala = hub.id("gala@example.com");
      hub.planner.planAll();

      ContactIntake.Result r = hub.take("crm", contactDeleted("C7"));
      assertThat(r.deleted()).isEqualTo(1);
      assertThat(
              hub.rows("SELECT archived_at, first_name, email FROM contact WHERE id = " + gala)
                  .get(0))
          .containsEntry("archived_at", null)
          .containsEntry("first_name", "Gala")
          .containsEntry("email", "gala@example.com");
      assertThat(hub.one("SELECT status FROM enrollment WHERE contact_id = " + gala))
          .isEqualTo("ENROLLED");
      assertThat(hub.one("SELECT status FROM outbox WHERE contact_id = " + gala))
          .isEqualTo("PENDING");
      hub.segment();
      assertThat(hub.facts.find(gala)).isPresent();
      assertThat(hub.explainer.explain(gala).orElseThrow().lines().get("sources"))
          .isEqualTo(
              "crm C7 (ended 2026-03-02: deleted in the source (archived = true)), loyalty L7");

      // the loyalty card goes too: now nobody knows them
      hub.take("loyalty", contactDeleted("L7"));
      assertThat(hub.contacts.archived(gala))
          .hasValueSatisfying(
              a ->
                  assertThat(a.reason())
                      .isEqualTo(
                          "no live source reference: loyalty L7 deleted in the source (archived ="
                              + " true)"));
      assertThat(hub.one("SELECT status FROM outbox WHERE contact_id = " + gala))
          .isEqualTo("WITHDRAWN");

      // a third source brings the same person (by email): a live reference again, no longer
      // archived
      hub.take("shop", Hub.person("shop", "S7", "gala@example.com", null));
      assertThat(hub.contacts.archived(gala)).isEmpty();
      assertThat(hub.id("gala@example.com")).isEqualTo(gala);
      hub.segment();
      assertThat(hub.facts.find(gala)).isPresent();
    }
  }

  @OnBothStores
  void a_deleted_purchase_stops_counting_and_an_undelete_brings_it_back(String kind)
      throws Exception {
    try (Hub hub = new Hub(kind)) {
      hub.take("crm", Hub.person("crm", "C3", "carla@example.com", "Carla"));
      hub.take(
          "crm",
          hub.purchase("crm", "C3", "SO-30", 400, "40.00"),
          hub.purchase("crm", "C3", "SO-31", 20, "60.00"));
      hub.segment();
      long carla = hub.id("carla@example.com");
      FactRepository.Facts before = hub.facts.find(carla).orElseThrow();
      assertThat(before.purchaseCount()).isEqualTo(2);
      assertThat(before.totalSpend()).isEqualByComparingTo("100.00");
      assertThat(before.lifecycle()).isEqualTo("ACTIVE");
      // nothing changed: a run an hour later recomputes no one
      assertThat(hub.segment().recomputed()).isZero();

      // the recent invoice is deleted in the CRM: the contact is recomputed on the next run
      DeletedRows gone = new DeletedRows();
      gone.eventDeleted("purchase:SO-31", "deleted in the source (deleted_at set)");
      assertThat(hub.take("crm", gone).deleted()).isEqualTo(1);
      assertThat(
              hub.rows(
                      "SELECT deleted_reason FROM contact_event WHERE external_id ="
                          + " 'purchase:SO-31'")
                  .get(0))
          .containsEntry("deleted_reason", "deleted in the source (deleted_at set)");
      assertThat(hub.segment().recomputed()).isEqualTo(1);
      FactRepository.Facts after = hub.facts.find(carla).orElseThrow();
      assertThat(after.purchaseCount()).isEqualTo(1);
      assertThat(after.totalSpend()).isEqualByComparingTo("40.00");
      assertThat(after.lastPurchaseAt()).isEqualTo(before.firstPurchaseAt());
      assertThat(after.lifecycle()).isEqualTo("DORMANT");
      // the same deletion read again (the overlap) changes nothing
      assertThat(hub.take("crm", gone).deleted()).isZero();

      // a full run leaves it out too
      hub.clock.advance(Duration.ofHours(1));
      hub.segmenter.full();
      assertThat(hub.facts.find(carla).orElseThrow().purchaseCount()).isEqualTo(1);

      // undeleted: it counts again
      DeletedRows back = new DeletedRows();
      back.eventLive("purchase:SO-31");
      hub.take("crm", back, hub.purchase("crm", "C3", "SO-31", 20, "60.00"));
      assertThat(hub.segment().recomputed()).isEqualTo(1);
      FactRepository.Facts again = hub.facts.find(carla).orElseThrow();
      assertThat(again.purchaseCount()).isEqualTo(2);
      assertThat(again.totalSpend()).isEqualByComparingTo("100.00");
      assertThat(again.lifecycle()).isEqualTo("ACTIVE");
    }
  }

  @OnBothStores
  void a_record_deleted_before_the_hub_saw_it_keeps_its_invoices_out_of_every_live_contact(
      String kind) throws Exception {
    try (Hub hub = new Hub(kind)) {
      hub.take("crm", contactDeleted("C9"));
      hub.take("crm", hub.purchase("crm", "C9", "SO-90", 3, "15.00"));
      hub.segment();
      assertThat(hub.contacts.count()).isZero();
      assertThat(hub.one("SELECT COUNT(*) FROM contact_fact")).isEqualTo(0L);
      assertThat(
              hub.rows(
                      "SELECT k.archive_reason, r.end_reason FROM contact k JOIN source_ref r ON"
                          + " r.contact_id = k.id")
                  .get(0))
          .containsEntry(
              "archive_reason",
              "no live source reference: crm C9 deleted in the source (archived = true)")
          .containsEntry("end_reason", "deleted in the source (archived = true)");

      // created live later (undeleted): one contact, with the invoice it already had
      DeletedRows back = new DeletedRows();
      back.contactLive("C9");
      hub.take("crm", back, Hub.person("crm", "C9", "ivo@example.com", "Ivo"));
      hub.segment();
      assertThat(hub.contacts.count()).isEqualTo(1);
      assertThat(hub.facts.find(hub.id("ivo@example.com")).orElseThrow().purchaseCount())
          .isEqualTo(1);
    }
  }
}
