package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winbackhub.store.TestContacts.person;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.winbackhub.model.Channel;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.segment.InactivityPolicy;
import org.winbackhub.segment.Segmenter;
import org.winbackhub.segment.classify.SegmentRuns;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.PurchaseHistoryRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.TestContacts;
import org.winbackhub.store.TestStores;

/**
 * A lapsed customer who complained goes to the "we fixed it" journey instead of being left out or
 * getting the standard offer; a journey can leave email sunset candidates out, or take only the
 * customers worth winning back.
 */
class JourneyAudienceIT {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @OnBothStores
  void complaints_route_to_we_fixed_it_and_audiences_filter_by_sunset_and_score(String kind)
      throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_audience")) {
      Database db = new Database(ds);
      EventRepository events = new EventRepository(db);
      Instant seeded = NOW.minus(1, ChronoUnit.DAYS);
      Map<String, Long> ids = new HashMap<>();
      for (String name : List.of("rosa", "carlos", "silvia", "vera")) {
        ids.put(name, TestContacts.insert(db, seeded, person(name + "@example.com", name)).get(0));
      }
      List<EventRepository.Owned> owned = new ArrayList<>();
      int[] n = {0};
      BiConsumer<String, ContactEvent> add =
          (name, e) -> owned.add(new EventRepository.Owned(ids.get(name), e));
      BiFunction<EventType, Integer, ContactEvent> ev =
          (type, daysAgo) ->
              new ContactEvent(
                  "t",
                  "e" + (++n[0]),
                  type,
                  NOW.minus(daysAgo, ChronoUnit.DAYS),
                  type == EventType.PURCHASE ? new BigDecimal("40.00") : null,
                  type == EventType.PURCHASE ? "EUR" : null,
                  null);
      for (String name : ids.keySet()) {
        add.accept(name, ev.apply(EventType.PURCHASE, 500));
        add.accept(name, ev.apply(EventType.PURCHASE, 120)); // lapsed: four months silent
      }
      add.accept("carlos", ev.apply(EventType.COMPLAINT, 118));
      for (int k = 0; k < 6; k++) {
        add.accept(
            "silvia",
            ev.apply(EventType.EMAIL_SENT, 300 - 30 * k)); // mailed for months, never opened
      }
      for (int k = 0; k < 8; k++) {
        add.accept("vera", ev.apply(EventType.PURCHASE, 130 + 20 * k)); // a big spender
      }
      db.inTransaction("events", c -> events.append(c, owned, seeded));
      new Segmenter(
              new SegmentRuns(db),
              new FactRepository(db),
              new PurchaseModelRepository(db),
              new PurchaseHistoryRepository(db),
              new InactivityPolicy(null, null, null, "UTC"),
              Clock.fixed(NOW, ZoneOffset.UTC))
          .full();

      Journey standard =
          journey(
              "winback",
              new Journey.Audience(
                  List.of(Lifecycle.AT_RISK, Lifecycle.LAPSED),
                  Channel.EMAIL,
                  List.of("standard"),
                  null,
                  null));
      Journey fixed =
          journey(
              "fixed",
              new Journey.Audience(
                  List.of(Lifecycle.AT_RISK, Lifecycle.LAPSED),
                  Channel.EMAIL,
                  List.of("we_fixed_it"),
                  null,
                  null));
      Journey engagedOnly =
          journey(
              "engaged",
              new Journey.Audience(
                  List.of(Lifecycle.AT_RISK, Lifecycle.LAPSED),
                  Channel.EMAIL,
                  null,
                  Journey.Sunset.EXCLUDE,
                  null));
      Journey lastCall =
          journey(
              "last-call",
              new Journey.Audience(
                  List.of(Lifecycle.AT_RISK, Lifecycle.LAPSED),
                  Channel.EMAIL,
                  null,
                  Journey.Sunset.ONLY,
                  null));
      Journey valuable =
          journey(
              "vip",
              new Journey.Audience(
                  List.of(Lifecycle.AT_RISK, Lifecycle.LAPSED), Channel.EMAIL, null, null, 40));
      JourneyPlanner planner =
          new JourneyPlanner(
              db,
              new EnrollmentRepository(db),
              new OutboxRepository(db, events),
              List.of(standard, fixed, engagedOnly, lastCall, valuable),
              ZoneOffset.UTC,
              Clock.fixed(NOW, ZoneOffset.UTC));
      planner.planAll();

      assertThat(enrolled(db, "winback"))
          .containsExactlyInAnyOrder(ids.get("rosa"), ids.get("silvia"), ids.get("vera"));
      assertThat(enrolled(db, "fixed")).containsExactly(ids.get("carlos"));
      assertThat(enrolled(db, "engaged"))
          .doesNotContain(ids.get("silvia"))
          .contains(ids.get("rosa"));
      assertThat(enrolled(db, "last-call")).containsExactly(ids.get("silvia"));
      assertThat(enrolled(db, "vip")).containsExactly(ids.get("vera"));
    }
  }

  static Journey journey(String id, Journey.Audience audience) {
    return new Journey(
        id,
        null,
        audience,
        "0%",
        List.of(
            new Journey.Step(
                "s1", TimeSpan.parse("P0D"), new Journey.Send(Channel.EMAIL, "email/x", "Hi"))),
        null);
  }

  static List<Long> enrolled(Database db, String journey) {
    return db.inTransaction(
        "read",
        c -> {
          List<Long> out = new ArrayList<>();
          try (var ps =
              c.prepareStatement(
                  "SELECT contact_id FROM enrollment WHERE journey_id = ? ORDER BY contact_id")) {
            ps.setString(1, journey);
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getLong(1));
              }
            }
          }
          return out;
        });
  }
}
