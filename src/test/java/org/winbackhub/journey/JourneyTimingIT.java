package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winbackhub.journey.JourneyStores.contact;
import static org.winbackhub.journey.JourneyStores.instant;
import static org.winbackhub.journey.JourneyStores.lapsed;
import static org.winbackhub.journey.JourneyStores.outbox;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ClaimScope;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.MovingClock;

/**
 * Who gets what and when: the control group gets nothing, each contact gets their variant (on the
 * outbox row), a message over the frequency cap waits and then goes — also with two planners at
 * once — and a message waits for the morning in the recipient's own time zone.
 */
class JourneyTimingIT {
  static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

  @TempDir Path dir;

  Journey journey(String yaml) throws Exception {
    return Journey.load(Files.writeString(dir.resolve("j" + System.nanoTime() + ".yaml"), yaml));
  }

  Journey oneEmail(String id) throws Exception {
    return journey(
        "id: "
            + id
            + "\naudience: {lifecycle: [LAPSED], consent: email}\nsteps:\n  - id: s1\n"
            + "    send: {channel: email, template: email/"
            + id
            + ", subject: Hola}\n");
  }

  @OnBothStores
  void the_control_group_gets_nothing_and_each_contact_gets_its_variant(String kind)
      throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_variants")) {
      Database db = new Database(ds);
      Journey j =
          journey(
              """
              id: ab
              audience: {lifecycle: [LAPSED], consent: email}
              holdout: 20%
              steps:
                - id: offer
                  send: {channel: email, template: email/offer-a, subject: "Un 10 %"}
                  variants:
                    - {id: a, share: 30}
                    - {id: b, share: 70, template: email/offer-b, subject: "Te guardamos un 10 %"}
              """);
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        ids.add(lapsed(db, T0, "c" + i + "@example.com"));
      }
      JourneyPlanner.Result r =
          JourneyStores.planner(db, Clock.fixed(T0, ZoneOffset.UTC), FrequencyCap.OFF, j)
              .planAll()
              .get(0);

      long held = ids.stream().filter(id -> Holdout.isHeldOut("ab", id, 0.20)).count();
      assertThat(r.heldOut()).isEqualTo((int) held).isBetween(35, 85);
      List<Map<String, Object>> rows = outbox(ds);
      assertThat(rows).hasSize(300 - (int) held);
      Map<String, Integer> byVariant = new HashMap<>();
      for (Map<String, Object> row : rows) {
        long id = ((Number) row.get("contact_id")).longValue();
        assertThat(Holdout.isHeldOut("ab", id, 0.20)).as("held out, yet messaged").isFalse();
        Variant v = Variants.pick("ab", "offer", id, j.steps().get(0).variants());
        assertThat(row.get("variant")).isEqualTo(v.id());
        assertThat(row.get("template"))
            .isEqualTo(v.id().equals("a") ? "email/offer-a" : "email/offer-b");
        assertThat(row.get("subject"))
            .isEqualTo(v.id().equals("a") ? "Un 10 %" : "Te guardamos un 10 %");
        byVariant.merge(v.id(), 1, Integer::sum);
      }
      assertThat(byVariant.get("a")).isBetween(40, 110);
      assertThat(byVariant.get("b")).isBetween(130, 210);
    }
  }

  @OnBothStores
  void a_third_message_in_seven_days_waits_then_goes(String kind) throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_cap")) {
      Database db = new Database(ds);
      long ana = lapsed(db, T0, "ana@example.com");
      MovingClock clock = new MovingClock(T0);
      JourneyPlanner planner =
          JourneyStores.planner(
              db,
              clock,
              new FrequencyCap(2, Duration.ofDays(7)),
              oneEmail("first"),
              oneEmail("second"),
              oneEmail("third"));
      List<JourneyPlanner.Result> results = planner.planAll();
      assertThat(results.get(2).waiting()).isEqualTo(1);

      assertThat(outbox(ds))
          .extracting(r -> r.get("journey_id") + " " + instant(r.get("not_before")))
          .containsExactly("first " + T0, "second " + T0, "third " + T0.plus(Duration.ofDays(7)));
      assertThat(
              TestStores.rows(ds, "SELECT status_reason FROM enrollment WHERE journey_id = 'third'")
                  .get(0)
                  .get("status_reason"))
          .isEqualTo(
              "step s1 waits until 2026-06-08T08:00:00Z for the frequency cap of 2 messages per"
                  + " 7 days");

      OutboxRepository outbox = new OutboxRepository(db, new EventRepository(db));
      assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w", T0)).hasSize(2);
      assertThat(
              outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w", T0.plus(Duration.ofDays(6))))
          .isEmpty();
      List<OutboxMessage> later =
          outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w", T0.plus(Duration.ofDays(7)));
      assertThat(later).extracting(OutboxMessage::journeyId).containsExactly("third");
      assertThat(later.get(0).contactId()).isEqualTo(ana);
    }
  }

  @OnBothStores
  void two_planners_planning_the_same_contacts_at_once_keep_the_cap(String kind) throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_cap_race")) {
      Database db = new Database(ds);
      for (int i = 0; i < 120; i++) {
        lapsed(db, T0, "c" + i + "@example.com");
      }
      FrequencyCap onePerWeek = new FrequencyCap(1, Duration.ofDays(7));
      Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
      // two hub instances, each planning its own journey over the same contacts, at the same time
      JourneyPlanner a = JourneyStores.planner(db, clock, onePerWeek, oneEmail("alpha"));
      JourneyPlanner b = JourneyStores.planner(db, clock, onePerWeek, oneEmail("beta"));
      CyclicBarrier start = new CyclicBarrier(2);
      CompletableFuture<?> ra = CompletableFuture.runAsync(() -> race(start, a));
      CompletableFuture<?> rb = CompletableFuture.runAsync(() -> race(start, b));
      CompletableFuture.allOf(ra, rb).get();

      Map<Long, List<Instant>> byContact = new HashMap<>();
      for (Map<String, Object> row : outbox(ds)) {
        byContact
            .computeIfAbsent(((Number) row.get("contact_id")).longValue(), k -> new ArrayList<>())
            .add(instant(row.get("not_before")));
      }
      assertThat(byContact).hasSize(120);
      for (List<Instant> times : byContact.values()) {
        assertThat(times).hasSize(2);
        times.sort(null);
        assertThat(Duration.between(times.get(0), times.get(1)))
            .as("one message a week, whichever planner came second")
            .isGreaterThanOrEqualTo(Duration.ofDays(7));
      }
    }
  }

  private static void race(CyclicBarrier start, JourneyPlanner planner) {
    try {
      start.await();
      planner.planAll();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @OnBothStores
  void an_sms_waits_for_eight_in_the_morning_where_the_recipient_is(String kind) throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_windows")) {
      Database db = new Database(ds);
      Journey sms =
          journey(
              """
              id: sms
              audience: {lifecycle: [LAPSED], consent: sms}
              steps:
                - id: survey
                  send: {channel: sms, template: sms/survey}
              """);
      long madrid = contact(db, T0, null, "+34612000001", null, Lifecycle.LAPSED);
      long newYork = contact(db, T0, null, "+34612000002", "America/New_York", Lifecycle.LAPSED);
      long manhattan = contact(db, T0, null, "+12125550143", null, Lifecycle.LAPSED);
      // 10 June 2026, 06:30 UTC: 08:30 in Madrid, 02:30 in New York
      Instant now = Instant.parse("2026-06-10T06:30:00Z");
      JourneyStores.planner(db, Clock.fixed(now, ZoneOffset.UTC), FrequencyCap.OFF, sms).planAll();

      Map<Long, Instant> due = new HashMap<>();
      outbox(ds)
          .forEach(
              r ->
                  due.put(
                      ((Number) r.get("contact_id")).longValue(), instant(r.get("not_before"))));
      Instant eightInNewYork = Instant.parse("2026-06-10T12:00:00Z");
      assertThat(due)
          .containsEntry(madrid, now)
          .containsEntry(newYork, eightInNewYork)
          .containsEntry(manhattan, eightInNewYork);
      assertThat(
              TestStores.rows(
                      ds, "SELECT status_reason FROM enrollment WHERE contact_id = " + manhattan)
                  .get(0)
                  .get("status_reason"))
          .isEqualTo(
              "step survey waits until 2026-06-10T12:00:00Z for the send window 08:00-21:00 in"
                  + " America/New_York (from the phone number)");
    }
  }

  @OnBothStores
  void the_night_the_clocks_go_forward_an_sms_waits_for_eight_summer_time(String kind)
      throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_dst")) {
      Database db = new Database(ds);
      Journey sms =
          journey(
              """
              id: sms
              audience: {lifecycle: [LAPSED], consent: sms}
              window: "08:00-21:00"
              steps:
                - id: survey
                  send: {channel: sms, template: sms/survey}
              """);
      contact(db, T0, null, "+34612000001", "Europe/Madrid", Lifecycle.LAPSED);
      // Saturday 28 March 2026, 22:30 in Madrid; the clocks go forward at 02:00
      Instant saturdayNight = Instant.parse("2026-03-28T21:30:00Z");
      JourneyStores.planner(db, Clock.fixed(saturdayNight, ZoneOffset.UTC), FrequencyCap.OFF, sms)
          .planAll();
      assertThat(instant(outbox(ds).get(0).get("not_before")))
          .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }
  }
}
