package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.segment.InactivityPolicy;
import org.winbackhub.segment.Segmenter;
import org.winbackhub.segment.classify.SegmentRuns;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.MergeRepository;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.PurchaseHistoryRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestStores;

/** A person known to three systems, who only the third shows to be one person. */
class IdentityMergeStoreIT {

  static SourceRecord record(
      String source,
      String id,
      String email,
      String phone,
      Consent emailConsent,
      String event,
      int daysAgo) {
    return new SourceRecord(
        new SourceContact(
            source,
            id,
            email,
            phone,
            source.equals("loyalty") ? "Ana" : null,
            source.equals("crm") ? "Alba" : null,
            emailConsent,
            Consent.UNKNOWN),
        List.of(
            new ContactEvent(
                source,
                event,
                EventType.PURCHASE,
                Instant.now().minus(daysAgo, ChronoUnit.DAYS),
                BigDecimal.TEN,
                "EUR",
                null)));
  }

  @OnBothStores
  void three_sources_make_one_contact_with_a_recorded_merge_that_can_be_undone(String kind)
      throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "winback_merge_it")) {
      Database db = new Database(ds);
      ContactRepository contacts = new ContactRepository(db);
      ContactIntake intake =
          new ContactIntake(
              db, contacts, new EventRepository(db), new RejectRepository(db), Clock.systemUTC());

      intake.ingest(
          "loyalty",
          List.of(record("loyalty", "C1", null, "+34612345678", Consent.UNKNOWN, "T1", 200)),
          List.of());
      intake.ingest(
          "crm",
          List.of(record("crm", "P1", "ana@example.com", null, Consent.OPTED_OUT, "O1", 150)),
          List.of());
      assertThat(contacts.count()).as("nothing ties them yet").isEqualTo(2);

      ContactIntake.Result shop =
          intake.ingest(
              "shop",
              List.of(
                  record(
                      "shop", "S1", "ana@example.com", "+34612345678", Consent.GRANTED, "X1", 10)),
              List.of());
      assertThat(shop.merged()).isEqualTo(1);
      assertThat(contacts.count()).isEqualTo(1);

      MergeRepository mergeRecords = new MergeRepository(db);
      List<MergeRepository.MergeRecord> merges = mergeRecords.merges(null);
      assertThat(merges)
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.reason()).isEqualTo("same person by email and phone");
                assertThat(m.source()).isEqualTo("shop");
                assertThat(m.undoneAt()).isNull();
              });
      long survivor = merges.get(0).survivorId();
      Contact ana = contacts.find(survivor).orElseThrow();
      assertThat(ana.firstName()).isEqualTo("Ana");
      assertThat(ana.lastName()).isEqualTo("Alba");
      assertThat(ana.email()).isEqualTo("ana@example.com");
      assertThat(ana.emailConsent())
          .as("the CRM's opt-out stops all sends")
          .isEqualTo(Consent.OPTED_OUT);
      assertThat(ana.sources().encode())
          .isEqualTo("email=crm,phone=loyalty,first_name=loyalty,last_name=crm");

      // every source's id now leads to the survivor, and its history counts as one person's
      try (var c = ds.getConnection()) {
        for (String[] ref : new String[][] {{"loyalty", "C1"}, {"crm", "P1"}, {"shop", "S1"}}) {
          assertThat(contacts.bySourceRefs(c, ref[0], List.of(ref[1])).get(ref[1]).id())
              .isEqualTo(survivor);
        }
      }
      FactRepository facts = new FactRepository(db);
      new Segmenter(
              new SegmentRuns(db),
              facts,
              new PurchaseModelRepository(db),
              new PurchaseHistoryRepository(db),
              new InactivityPolicy(null, null, null, "UTC"),
              Clock.systemUTC())
          .refresh();
      assertThat(facts.find(survivor).orElseThrow().purchaseCount()).isEqualTo(3);
      assertThat(facts.find(survivor).orElseThrow().lifecycle()).isEqualTo("ACTIVE");

      // an opt-out given after the merge survives its undoing
      try (var c = ds.getConnection();
          var st = c.createStatement()) {
        st.executeUpdate("UPDATE contact SET sms_consent = 'OPTED_OUT' WHERE id = " + survivor);
      }

      // undone: two contacts again, the survivor as it was
      assertThat(mergeRecords.undoMerge(merges.get(0).id(), Instant.now())).isTrue();
      assertThat(mergeRecords.undoMerge(merges.get(0).id(), Instant.now())).as("once").isFalse();
      assertThat(contacts.count()).isEqualTo(2);
      Contact restored = contacts.find(survivor).orElseThrow();
      assertThat(restored.lastName()).isNull();
      assertThat(restored.smsConsent()).isEqualTo(Consent.OPTED_OUT);
      assertThat(restored.sources().encode()).isEqualTo("phone=loyalty,first_name=loyalty");
      assertThat(mergeRecords.merges(survivor).get(0).undoneAt()).isNotNull();
    }
  }
}
