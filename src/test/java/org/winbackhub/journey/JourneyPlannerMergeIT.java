package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winbackhub.store.TestContacts.person;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.store.ClaimScope;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.MergeRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.TestContacts;
import org.winbackhub.store.TestStores;

/** A person mailed by a journey is not mailed again by it after two of their contacts merge. */
class JourneyPlannerMergeIT {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void a_survivor_is_not_enrolled_again_when_a_contact_merged_into_it_was_already_mailed_on_h2()
      throws Exception {
    try (HikariDataSource ds = TestStores.h2()) {
      mergedPersonGetsTheMailOnce(ds);
    }
  }

  @Test
  void
      a_survivor_is_not_enrolled_again_when_a_contact_merged_into_it_was_already_mailed_on_postgres()
          throws Exception {
    try (HikariDataSource ds = TestStores.postgres("fixes_planner_merge")) {
      mergedPersonGetsTheMailOnce(ds);
    }
  }

  private void mergedPersonGetsTheMailOnce(HikariDataSource ds) throws Exception {
    Database db = new Database(ds);
    ContactRepository contacts = new ContactRepository(db);
    OutboxRepository outbox = new OutboxRepository(db, new EventRepository(db));
    Journey journey =
        new Journey(
            "winback",
            null,
            new Journey.Audience(List.of(Lifecycle.LAPSED), Channel.EMAIL),
            "0%",
            List.of(
                new Journey.Step(
                    "s1", TimeSpan.parse("P0D"), new Journey.Send(Channel.EMAIL, "email/x", "Hi"))),
            null);
    JourneyPlanner planner =
        new JourneyPlanner(
            db,
            new EnrollmentRepository(db),
            outbox,
            List.of(journey),
            ZoneOffset.UTC,
            Clock.fixed(NOW, ZoneOffset.UTC));

    List<Long> ids =
        TestContacts.insert(
            db, NOW, person("ana@example.com", "Ana"), person("ana.work@example.com", "Ana"));
    long survivor = ids.get(0);
    long merged = ids.get(1);
    lifecycle(db, merged, Lifecycle.LAPSED);
    lifecycle(db, survivor, Lifecycle.ACTIVE);

    planner.planAll();
    List<OutboxMessage> first = outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW);
    assertThat(first).extracting(OutboxMessage::recipient).containsExactly("ana.work@example.com");
    assertThat(outbox.markSending(first.get(0), "smtp", NOW)).isTrue();
    assertThat(outbox.markSent(first.get(0), "<1@smtp>", NOW)).isTrue();

    // the two turn out to be one person; the survivor now carries the lapsed history
    Contact before = contacts.find(survivor).orElseThrow();
    db.inTransaction(
        "merge",
        c -> {
          new MergeRepository(db)
              .merge(
                  c,
                  List.of(
                      new MergeRepository.MergeRow(
                          survivor, merged, "test", "same person", before)),
                  NOW);
          return null;
        });
    lifecycle(db, survivor, Lifecycle.LAPSED);

    JourneyPlanner.Result again = planner.planAll().get(0);
    assertThat(again.enrolled()).as("the person is in this journey already").isZero();
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW))
        .as("no second mail")
        .isEmpty();
    assertThat(outbox.countByChannelAndStatus()).containsExactly(Map.entry("email:SENT", 1L));
  }

  private static void lifecycle(Database db, long contactId, Lifecycle lifecycle) {
    JourneyStores.lifecycle(db, contactId, lifecycle, NOW);
  }
}
