package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winbackhub.journey.JourneyStores.bought;
import static org.winbackhub.journey.JourneyStores.clicked;
import static org.winbackhub.journey.JourneyStores.enrollments;
import static org.winbackhub.journey.JourneyStores.lapsed;
import static org.winbackhub.journey.JourneyStores.outbox;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.feedback.StatusTransitions;
import org.winbackhub.segment.Explainer;
import org.winbackhub.segment.InactivityPolicy;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.JourneyHistory;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.MovingClock;

/**
 * Many steps, conditions on earlier steps, and how a run ends: a purchase (REACTIVATED, nothing
 * more goes), a click (on to the nurture journey, or on through the steps), no response (the end
 * action), and entering again after the re-entry span.
 */
class JourneyStepsIT {
  static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  @TempDir Path dir;

  Journey journey(String yaml) throws Exception {
    return Journey.load(Files.writeString(dir.resolve("j" + System.nanoTime() + ".yaml"), yaml));
  }

  @OnBothStores
  void only_non_clickers_get_step_two_a_buyer_gets_nothing_more_and_the_silent_are_sunset(
      String kind) throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_conditions")) {
      Database db = new Database(ds);
      MovingClock clock = new MovingClock(T0);
      Journey j =
          journey(
              """
              id: offers
              audience: {lifecycle: [LAPSED], consent: email}
              steps:
                - id: first
                  send: {channel: email, template: email/first, subject: Hola}
                - id: second
                  after: P7D
                  if: {not_clicked: [first]}
                  send: {channel: email, template: email/second, subject: Hola}
              exit: {after: P7D, click: continue, done: email_sunset}
              """);
      long ana = lapsed(db, T0, "ana@example.com"); // clicks, never buys
      long ben = lapsed(db, T0, "ben@example.com"); // never responds
      long cris = lapsed(db, T0, "cris@example.com"); // buys
      JourneyPlanner planner = JourneyStores.planner(db, clock, FrequencyCap.OFF, j);
      StatusTransitions transitions =
          new StatusTransitions(new EnrollmentRepository(db), clock, planner.continuingOnClick());

      planner.planAll();
      assertThat(outbox(ds)).extracting(r -> r.get("step_id")).containsOnly("first").hasSize(3);

      clicked(db, ana, T0.plus(DAY));
      bought(db, cris, T0.plus(DAY.multipliedBy(2)));
      clock.set(T0.plus(DAY.multipliedBy(3)));
      assertThat(transitions.apply().reactivated()).isEqualTo(1);

      clock.set(T0.plus(DAY.multipliedBy(7)));
      planner.planAll();
      assertThat(outbox(ds))
          .filteredOn(r -> r.get("step_id").equals("second"))
          .extracting(r -> ((Number) r.get("contact_id")).longValue())
          .containsExactly(ben);
      assertThat(statusOf(ds, ana))
          .containsEntry("status", "ENROLLED")
          .containsEntry(
              "status_reason", "step second skipped: clicked since step first (email_clicked)");
      assertThat(statusOf(ds, cris))
          .containsEntry("status", "REACTIVATED")
          .containsEntry("status_reason", "purchased after enrolling");

      clock.set(T0.plus(DAY.multipliedBy(15)));
      planner.planAll();
      assertThat(statusOf(ds, ben))
          .containsEntry("status", "EXHAUSTED")
          .containsEntry(
              "status_reason",
              "no response P7D after the last step: email sunset (address suppressed)");
      assertThat(statusOf(ds, ana))
          .containsEntry("status", "ENGAGED")
          .containsEntry("status_reason", "clicked without purchasing during the run");
      assertThat(TestStores.rows(ds, "SELECT channel, address, reason, source FROM suppression"))
          .containsExactly(
              Map.of(
                  "channel", "email",
                  "address", "ben@example.com",
                  "reason", "SUNSET",
                  "source", "journey offers"));
      assertThat(outbox(ds))
          .filteredOn(r -> ((Number) r.get("contact_id")).longValue() == cris)
          .as("the buyer got the first step only")
          .hasSize(1);

      Explainer explainer =
          new Explainer(
              new FactRepository(db),
              new PurchaseModelRepository(db),
              new ContactRepository(db),
              new RejectRepository(db),
              new CouponListing(db),
              new InactivityPolicy(null, null, null, "UTC"),
              new JourneyHistory(db),
              clock);
      assertThat(explainer.explain(ben).orElseThrow().lines().get("journeys"))
          .isEqualTo(
              "offers from 2026-05-04: EXHAUSTED on 2026-05-19, no response P7D after the last"
                  + " step: email sunset (address suppressed) (first email PENDING 2026-05-04,"
                  + " second email PENDING 2026-05-11)");
      assertThat(explainer.explain(ana).orElseThrow().lines().get("journeys"))
          .isEqualTo(
              "offers from 2026-05-04: ENGAGED on 2026-05-19, clicked without purchasing during"
                  + " the run (first email PENDING 2026-05-04)");
      assertThat(explainer.explain(cris).orElseThrow().lines().get("journeys"))
          .startsWith(
              "offers from 2026-05-04: REACTIVATED on 2026-05-07, purchased after enrolling");
    }
  }

  @OnBothStores
  void a_click_without_a_purchase_moves_the_contact_to_the_nurture_journey_once(String kind)
      throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_nurture")) {
      Database db = new Database(ds);
      MovingClock clock = new MovingClock(T0);
      Journey winback =
          journey(
              """
              id: winback
              audience: {lifecycle: [LAPSED], consent: email}
              steps:
                - id: first
                  send: {channel: email, template: email/first, subject: Hola}
                - id: second
                  after: P7D
                  send: {channel: email, template: email/second, subject: Hola}
              exit: {nurture: nurture}
              """);
      Journey nurture =
          journey(
              """
              id: nurture
              steps:
                - id: news
                  after: P1D
                  send: {channel: email, template: email/news, subject: Novedades}
              """);
      long dan = lapsed(db, T0, "dan@example.com");
      long eva = lapsed(db, T0, "eva@example.com");
      JourneyPlanner planner = JourneyStores.planner(db, clock, FrequencyCap.OFF, winback, nurture);
      StatusTransitions transitions = new StatusTransitions(new EnrollmentRepository(db), clock);

      planner.planAll();
      clicked(db, dan, T0.plus(Duration.ofHours(5)));
      clock.set(T0.plus(Duration.ofHours(6)));
      assertThat(transitions.apply().engaged()).isEqualTo(1);
      List<JourneyPlanner.Result> results = planner.planAll();
      assertThat(results.get(0).nurtured()).isEqualTo(1);
      planner.planAll(); // once only

      List<Map<String, Object>> runs = enrollments(ds);
      Map<String, Object> danWinback = run(runs, dan, "winback");
      assertThat(danWinback)
          .containsEntry("status", "ENGAGED")
          .containsEntry("handed_to", "nurture")
          .containsEntry(
              "status_reason", "clicked without purchasing: moved to nurture journey nurture");
      Map<String, Object> danNurture = run(runs, dan, "nurture");
      assertThat(danNurture)
          .containsEntry("status", "ENROLLED")
          .containsEntry("status_reason", "entered from winback after a click without a purchase");
      assertThat(((Number) danNurture.get("entered_from")).longValue())
          .isEqualTo(((Number) danWinback.get("id")).longValue());
      assertThat(runs).filteredOn(r -> r.get("journey_id").equals("nurture")).hasSize(1);

      clock.set(T0.plus(DAY.multipliedBy(8)));
      planner.planAll();
      assertThat(outbox(ds))
          .extracting(r -> ((Number) r.get("contact_id")).longValue() + ":" + r.get("step_id"))
          .containsExactlyInAnyOrder(
              dan + ":first", eva + ":first", dan + ":news", eva + ":second");
    }
  }

  @OnBothStores
  void an_sms_journey_unsubscribes_the_silent_and_a_contact_enters_again_only_after_the_span(
      String kind) throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "journey_reentry")) {
      Database db = new Database(ds);
      MovingClock clock = new MovingClock(T0);
      Journey sms =
          journey(
              """
              id: sms
              audience: {lifecycle: [LAPSED], consent: sms}
              reentry: P30D
              window: any
              steps:
                - id: survey
                  send: {channel: sms, template: sms/survey}
              exit: {after: P1D, done: sms_unsubscribe}
              """);
      Journey once =
          journey(
              """
              id: once
              audience: {lifecycle: [LAPSED], consent: sms}
              window: any
              steps:
                - id: survey
                  send: {channel: sms, template: sms/survey}
              exit: {after: P1D}
              """);
      long fede =
          JourneyStores.contact(
              db, T0, null, "+34612000001", null, org.winbackhub.model.Lifecycle.LAPSED);
      JourneyPlanner planner = JourneyStores.planner(db, clock, FrequencyCap.OFF, sms, once);

      planner.planAll();
      clock.set(T0.plus(DAY.multipliedBy(2)));
      planner.planAll();
      assertThat(TestStores.rows(ds, "SELECT channel, address, reason FROM suppression"))
          .containsExactly(
              Map.of("channel", "sms", "address", "+34612000001", "reason", "UNSUBSCRIBED"));
      // unsubscribed: the audience leaves them out from now on, re-entry or not; lift it to see
      // the re-entry rule alone
      db.inTransaction("lift", c -> c.createStatement().executeUpdate("DELETE FROM suppression"));

      clock.set(T0.plus(DAY.multipliedBy(20)));
      planner.planAll();
      assertThat(outbox(ds)).as("not again within 30 days, and never for 'once'").hasSize(2);

      clock.set(T0.plus(DAY.multipliedBy(31)));
      planner.planAll();
      assertThat(outbox(ds))
          .extracting(r -> r.get("idempotency_key"))
          .containsExactly(
              "sms:1:" + fede + ":survey:sms",
              "once:1:" + fede + ":survey:sms",
              "sms:2:" + fede + ":survey:sms");
      assertThat(enrollments(ds))
          .filteredOn(r -> r.get("journey_id").equals("sms"))
          .extracting(r -> ((Number) r.get("cycle")).intValue() + " " + r.get("status"))
          .containsExactly("1 EXHAUSTED", "2 ENROLLED");
    }
  }

  private static Map<String, Object> run(
      List<Map<String, Object>> runs, long contactId, String journey) {
    return runs.stream()
        .filter(
            r ->
                ((Number) r.get("contact_id")).longValue() == contactId
                    && r.get("journey_id").equals(journey))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> statusOf(HikariDataSource ds, long contactId)
      throws Exception {
    return TestStores.rows(
            ds, "SELECT status, status_reason FROM enrollment WHERE contact_id = " + contactId)
        .get(0);
  }
}
