package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winbackhub.store.TestContacts.person;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.MergeRepository;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.TestContacts;
import org.winbackhub.store.TestStores;

/**
 * A merge ends the merged contact's running journeys and unqueues its pending mail, in its
 * transaction.
 */
class ContactMergeStoreIT {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @OnBothStores
  void a_merge_points_the_merged_contact_at_its_survivor_ends_its_journeys_and_unqueues_its_mail(
      String kind) throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "contact_merge_coordinated")) {
      Database db = new Database(ds);
      ContactRepository contacts = new ContactRepository(db);
      MergeRepository merges = new MergeRepository(db);
      EnrollmentRepository enrollments = new EnrollmentRepository(db);
      OutboxRepository outbox = new OutboxRepository(db, new EventRepository(db));
      List<Long> ids =
          TestContacts.insert(
              db,
              NOW,
              person("ana@example.com", "Ana"),
              person("ana.work@example.com", "Ana"),
              person("eva@example.com", "Eva"));
      long survivor = ids.get(0);
      long merged = ids.get(1);
      long bystander = ids.get(2);
      enrollments.enroll(
          List.of(
              new EnrollmentRepository.NewEnrollment(merged, "winback", false, null, NOW),
              new EnrollmentRepository.NewEnrollment(bystander, "winback", false, null, NOW)),
          NOW);
      db.inTransaction(
          "queue",
          c ->
              outbox.enqueue(
                  c,
                  List.of(
                      new OutboxRepository.NewMessage(
                          "k1",
                          merged,
                          null,
                          "winback",
                          "s1",
                          Channel.EMAIL,
                          "ana.work@example.com",
                          "email/x",
                          "Hi",
                          null,
                          null,
                          NOW),
                      new OutboxRepository.NewMessage(
                          "k2",
                          bystander,
                          null,
                          "winback",
                          "s1",
                          Channel.EMAIL,
                          "eva@example.com",
                          "email/x",
                          "Hi",
                          null,
                          null,
                          NOW)),
                  NOW));

      Contact before = contacts.find(survivor).orElseThrow();
      ContactMerge merge = new ContactMerge(merges, enrollments, outbox);
      db.inTransaction(
          "merge",
          c -> {
            merge.apply(
                c,
                List.of(
                    new MergeRepository.MergeRow(survivor, merged, "test", "same person", before)),
                NOW);
            return null;
          });

      assertThat(rows(ds, "SELECT merged_into FROM contact WHERE id = " + merged))
          .containsExactly(String.valueOf(survivor));
      assertThat(
              rows(
                  ds,
                  "SELECT contact_id || ':' || status || ':' || COALESCE(status_reason, '') FROM"
                      + " enrollment ORDER BY contact_id"))
          .containsExactly(
              merged + ":EXITED:merged into contact " + survivor, bystander + ":ENROLLED:");
      assertThat(
              rows(
                  ds,
                  "SELECT idempotency_key || ':' || status || ':' || COALESCE(last_error, '') FROM"
                      + " outbox ORDER BY idempotency_key"))
          .containsExactly("k1:SUPPRESSED:contact merged into " + survivor, "k2:PENDING:");
      assertThat(merges.merges(null))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.survivorId()).isEqualTo(survivor);
                assertThat(m.mergedId()).isEqualTo(merged);
              });
    }
  }

  @Test
  void no_merges_change_nothing() {
    try (HikariDataSource ds = TestStores.h2()) {
      Database db = new Database(ds);
      MergeRepository merges = new MergeRepository(db);
      ContactMerge merge =
          new ContactMerge(
              merges,
              new EnrollmentRepository(db),
              new OutboxRepository(db, new EventRepository(db)));
      db.inTransaction(
          "merge",
          c -> {
            merge.apply(c, List.of(), NOW);
            return null;
          });
      assertThat(merges.merges(null)).isEmpty();
    }
  }

  private static List<String> rows(HikariDataSource ds, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
