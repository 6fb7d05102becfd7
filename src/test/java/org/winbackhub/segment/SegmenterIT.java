package org.winbackhub.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.segment.classify.SegmentRuns;
import org.winbackhub.segment.predict.BgNbd;
import org.winbackhub.segment.predict.Simulation;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.MergeRepository;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.PurchaseHistoryRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestContacts;
import org.winbackhub.store.TestStores;

/**
 * The set-based classification on H2 and PostgreSQL: tiers, rhythm, value, sunset, history, the
 * model.
 */
class SegmenterIT {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  static HikariDataSource store(String kind) throws Exception {
    return TestStores.of(kind, "segment_it");
  }

  static FactRepository facts(World w, String kind) {
    return new FactRepository(w.db);
  }

  /**
   * On PostgreSQL a full run works through id ranges on two connections at once, as in production.
   */
  static Segmenter segmenter(
      World w, String kind, InactivityPolicy policy, Clock clock, boolean asOf) {
    return new Segmenter(
        new SegmentRuns(w.db, kind.equals("h2") ? 1 : 2),
        new FactRepository(w.db),
        new PurchaseModelRepository(w.db),
        new PurchaseHistoryRepository(w.db),
        policy,
        clock,
        asOf);
  }

  static Segmenter segmenter(World w, String kind, InactivityPolicy policy, Clock clock) {
    return segmenter(w, kind, policy, clock, false);
  }

  /**
   * A little store with named people and their events, recorded a day before NOW unless told
   * otherwise.
   */
  static final class World implements AutoCloseable {
    Instant recordedAt = NOW.minus(1, ChronoUnit.DAYS);
    final HikariDataSource ds;
    final Database db;
    final ContactRepository contacts;
    final MergeRepository merges;
    final EventRepository events;
    final Map<String, Long> ids = new HashMap<>();
    int n;

    /** A world in a fresh store of {@code kind} (h2, postgres). */
    static World on(String kind) throws Exception {
      return new World(store(kind));
    }

    World(HikariDataSource ds) {
      this.ds = ds;
      db = new Database(ds);
      contacts = new ContactRepository(db);
      merges = new MergeRepository(db);
      events = new EventRepository(db);
    }

    long person(String name) {
      return ids.computeIfAbsent(
          name,
          k ->
              TestContacts.insert(db, recordedAt, TestContacts.person(k + "@example.com", k))
                  .get(0));
    }

    void event(String name, EventType type, Instant at, String amount) {
      long id = person(name);
      ContactEvent e =
          new ContactEvent(
              "test",
              "e" + (++n),
              type,
              at,
              amount == null ? null : new BigDecimal(amount),
              amount == null ? null : "EUR",
              null);
      db.inTransaction(
          "event", c -> events.append(c, List.of(new EventRepository.Owned(id, e)), recordedAt));
    }

    void event(String name, EventType type, int daysAgo, String amount) {
      event(name, type, NOW.minus(daysAgo, ChronoUnit.DAYS), amount);
    }

    /** Merges {@code merged} into {@code survivor} (the same person by email), {@code at}. */
    void merge(long survivor, long merged, Instant at) {
      Contact before = contacts.find(survivor).orElseThrow();
      db.inTransaction(
          "merge",
          c -> {
            merges.merge(
                c,
                List.of(
                    new MergeRepository.MergeRow(
                        survivor, merged, "test", "same person by email", before)),
                at);
            return null;
          });
    }

    /** Explains this world's contacts under {@code policy}, as of NOW. */
    Explainer explainer(InactivityPolicy policy) {
      return new Explainer(
          new FactRepository(db),
          new PurchaseModelRepository(db),
          contacts,
          new RejectRepository(db),
          new CouponListing(db),
          policy,
          Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    public void close() {
      ds.close();
    }
  }

  @OnBothStores
  void tiers_rhythm_value_treatment_and_sunset(String kind) throws Exception {
    try (World w = World.on(kind)) {
      w.event("nora", EventType.PURCHASE, 10, "20.00"); // first purchase 10 days ago
      w.event("alba", EventType.PURCHASE, 400, "30.00");
      w.event("alba", EventType.PURCHASE, 30, "30.00"); // two purchases, last a month ago
      w.event("rita", EventType.PURCHASE, 300, "15.00");
      w.event("rita", EventType.VISIT, 70, null); // a visit 70 days ago: past at_risk (2 months)
      w.event("luis", EventType.PURCHASE, 100, "50.00"); // 100 days: lapsed (3 months)
      w.event("dora", EventType.PURCHASE, 400, "50.00"); // over a year: dormant
      w.event("ivan", EventType.SIGNUP, 50, null); // never bought nor clicked
      for (int week = 8; week >= 3; week--) {
        w.event(
            "wes", EventType.PURCHASE, week * 7 - 1, "12.00"); // weekly buyer, silent for 20 days
      }
      for (int week = 10; week >= 5; week--) {
        w.event("wil", EventType.PURCHASE, week * 7, "12.00"); // weekly buyer, silent for 35 days
      }
      for (int k = 5; k >= 1; k--) {
        w.event(
            "sara", EventType.PURCHASE, 30 + k * 120, "80.00"); // every 4 months, last 150 days ago
      }
      for (int k = 0; k < 3; k++) {
        w.event(
            "tess",
            EventType.PURCHASE,
            NOW.minus(20, ChronoUnit.DAYS).plusSeconds(k * 600),
            "10.00"); // three on one day
      }
      for (int k = 0; k < 4; k++) {
        // three of four purchases with a discount code: discount-driven
        OrderDetails order =
            k == 0
                ? null
                : new OrderDetails(
                    List.of(),
                    List.of(
                        new OrderDetails.DiscountCode(
                            "WELCOME10", new BigDecimal("3.00"), "percentage")),
                    new BigDecimal("3.00"));
        long id = w.person("dina");
        ContactEvent e =
            new ContactEvent(
                "shop",
                "o" + k,
                EventType.PURCHASE,
                NOW.minus(40 + 30 * k, ChronoUnit.DAYS),
                new BigDecimal("30.00"),
                "EUR",
                null,
                order);
        w.db.inTransaction(
            "event",
            c -> w.events.append(c, List.of(new EventRepository.Owned(id, e)), w.recordedAt));
      }
      w.event("carl", EventType.PURCHASE, 40, "25.00");
      w.event("carl", EventType.COMPLAINT, 39, null);
      w.event("otto", EventType.PURCHASE, 40, "25.00");
      w.event("otto", EventType.COMPLAINT, 800, null); // a complaint over two years ago
      for (int k = 0; k < 6; k++) {
        w.event(
            "olga",
            EventType.EMAIL_SENT,
            300 - k * 30,
            null); // six messages, the first 10 months ago
        w.event("pepe", EventType.EMAIL_SENT, 300 - k * 30, null);
      }
      for (String name : List.of("olga", "pepe")) {
        w.event(name, EventType.PURCHASE, 300, "10.00");
        w.event(name, EventType.PURCHASE, 20, "10.00");
      }
      w.event("pepe", EventType.EMAIL_CLICKED, 40, null);

      FactRepository facts = facts(w, kind);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
      segmenter(w, kind, policy, Clock.fixed(NOW, ZoneOffset.UTC)).full();

      Map<String, String> expected =
          Map.ofEntries(
              Map.entry("nora", "NEW"),
              Map.entry("alba", "ACTIVE"),
              Map.entry("rita", "AT_RISK"),
              Map.entry("luis", "LAPSED"),
              Map.entry("dora", "DORMANT"),
              Map.entry("ivan", "NEVER_ENGAGED"),
              Map.entry("wes", "AT_RISK"),
              Map.entry("wil", "LAPSED"),
              Map.entry("sara", "ACTIVE"),
              Map.entry("tess", "NEW"),
              Map.entry("carl", "ACTIVE"));
      expected.forEach(
          (name, lifecycle) ->
              assertThat(facts.find(w.ids.get(name)).orElseThrow().lifecycle())
                  .as(name + ": " + facts.find(w.ids.get(name)).orElseThrow().lifecycleReason())
                  .isEqualTo(lifecycle));

      assertThat(reason(facts, w, "rita"))
          .isEqualTo("no purchase, visit or click for over 2 months (since before 2026-09-22)");
      assertThat(reason(facts, w, "wes"))
          .isEqualTo(
              "no purchase for 20 days, over 2 times their usual 7 days between purchases (6"
                  + " purchase days)");
      assertThat(reason(facts, w, "wil"))
          .startsWith("no purchase for 35 days, over 4 times their usual 7 days");
      assertThat(reason(facts, w, "ivan")).isEqualTo("never any purchase, visit or click");
      assertThat(facts.find(w.ids.get("sara")).orElseThrow().rhythmDays())
          .isEqualByComparingTo("120.00");

      FactRepository.Facts tess = facts.find(w.ids.get("tess")).orElseThrow();
      assertThat(tess.purchaseCount()).isEqualTo(3);
      assertThat(tess.purchaseDays()).isEqualTo(1);
      assertThat(tess.behaviour()).isEqualTo("one_off");
      assertThat(facts.find(w.ids.get("wes")).orElseThrow().behaviour()).isEqualTo("regular");
      FactRepository.Facts dina = facts.find(w.ids.get("dina")).orElseThrow();
      assertThat(dina.discountPurchases()).isEqualTo(3);
      assertThat(dina.behaviour()).isEqualTo("discount_driven");
      assertThat(facts.find(w.ids.get("carl")).orElseThrow().treatment()).isEqualTo("we_fixed_it");
      assertThat(facts.find(w.ids.get("alba")).orElseThrow().treatment()).isEqualTo("standard");
      assertThat(facts.find(w.ids.get("otto")).orElseThrow().treatment())
          .as("the lookback is two years")
          .isEqualTo("standard");
      Explainer explainer = w.explainer(policy);
      assertThat(explainer.explain(w.ids.get("carl")).orElseThrow().lines().get("behaviour"))
          .endsWith(
              "treatment: we fixed it (1 complaint on record, the last 2026-10-14, within 2"
                  + " years)");
      assertThat(explainer.explain(w.ids.get("otto")).orElseThrow().lines().get("behaviour"))
          .endsWith(
              "treatment: standard (1 complaint on record, the last 2024-09-13, over 2 years ago)");

      // value: sara spent 400 of 500, 5 of 10 purchase days, tenure 630 of 730 days -> (0.8 + 0.5 +
      // 0.863) / 3
      assertThat(facts.find(w.ids.get("sara")).orElseThrow().valueScore()).isEqualTo(72);
      assertThat(facts.find(w.ids.get("ivan")).orElseThrow().valueScore()).isEqualTo(0);

      FactRepository.Facts olga = facts.find(w.ids.get("olga")).orElseThrow();
      assertThat(olga.sunset()).isTrue();
      assertThat(olga.sunsetReason())
          .isEqualTo("no click or open for over 6 months after 6 messages");
      assertThat(olga.lifecycle())
          .as("sunset is kept apart from purchase inactivity")
          .isEqualTo("ACTIVE");
      assertThat(facts.find(w.ids.get("pepe")).orElseThrow().sunset()).isFalse();
    }
  }

  static String reason(FactRepository facts, World w, String name) {
    return facts.find(w.ids.get(name)).orElseThrow().lifecycleReason();
  }

  @OnBothStores
  void incremental_runs_recompute_what_changed_let_time_move_the_rest_and_keep_the_history(
      String kind) throws Exception {
    try (World w = World.on(kind)) {
      w.event("luis", EventType.PURCHASE, 100, "50.00");
      w.event("alba", EventType.PURCHASE, 400, "30.00");
      w.event("alba", EventType.PURCHASE, 50, "30.00");
      FactRepository facts = facts(w, kind);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
      SegmentRuns.RunResult first =
          segmenter(w, kind, policy, Clock.fixed(NOW, ZoneOffset.UTC)).incremental();
      assertThat(first.kind()).as("the first run is full").isEqualTo("full");
      assertThat(first.changed()).isEqualTo(2);

      // luis buys again: only he is recomputed, and he is active again
      Instant later = NOW.plus(1, ChronoUnit.HOURS);
      w.recordedAt = later.minus(10, ChronoUnit.MINUTES);
      w.event("luis", EventType.PURCHASE, later.minus(11, ChronoUnit.MINUTES), "20.00");
      SegmentRuns.RunResult second =
          segmenter(w, kind, policy, Clock.fixed(later, ZoneOffset.UTC)).incremental();
      assertThat(second.kind()).isEqualTo("incremental");
      assertThat(second.recomputed()).isEqualTo(1);
      assertThat(second.changed()).isEqualTo(1);
      assertThat(facts.find(w.ids.get("luis")).orElseThrow().lifecycle()).isEqualTo("ACTIVE");
      assertThat(facts.find(w.ids.get("luis")).orElseThrow().purchaseCount()).isEqualTo(2);

      // twenty days on, with no new event, alba's silence passes two months: at risk
      Instant month = later.plus(20, ChronoUnit.DAYS);
      SegmentRuns.RunResult third =
          segmenter(w, kind, policy, Clock.fixed(month, ZoneOffset.UTC)).incremental();
      assertThat(third.recomputed()).isZero();
      assertThat(third.rechecked())
          .as("only alba's time had come; luis's next cut-off is months away")
          .isEqualTo(1);
      assertThat(third.changed()).isEqualTo(1);
      assertThat(facts.find(w.ids.get("alba")).orElseThrow().lifecycle()).isEqualTo("AT_RISK");

      List<FactRepository.Membership> luis = facts.memberships(w.ids.get("luis"));
      assertThat(luis)
          .extracting(FactRepository.Membership::lifecycle)
          .containsExactly("LAPSED", "ACTIVE");
      assertThat(luis.get(0).leftAt()).isEqualTo(later);
      assertThat(luis.get(0).leftReason()).startsWith("moved to ACTIVE: ");
      assertThat(luis.get(1).leftAt()).isNull();
      assertThat(facts.memberships(w.ids.get("alba")))
          .extracting(FactRepository.Membership::lifecycle)
          .containsExactly("ACTIVE", "AT_RISK");
    }
  }

  @OnBothStores
  void the_purchase_model_is_fitted_on_the_store_and_its_p_alive_matches_the_model(String kind)
      throws Exception {
    try (World w = World.on(kind)) {
      BgNbd truth = new BgNbd(0.5, 6.0, 0.7, 2.5);
      Instant start = NOW.minus(52 * 7, ChronoUnit.DAYS);
      List<Simulation.Purchase> purchases = new Simulation(truth, null, 3).purchases(300, 20, 52);
      List<EventRepository.Owned> owned = new ArrayList<>();
      for (Simulation.Purchase p : purchases) {
        long id = w.person(p.customerId());
        owned.add(
            new EventRepository.Owned(
                id,
                new ContactEvent(
                    "test",
                    "sim" + owned.size(),
                    EventType.PURCHASE,
                    start.plusSeconds((long) (p.at() * 7 * 86400)),
                    new BigDecimal("25.00"),
                    "EUR",
                    null)));
      }
      w.db.inTransaction("sim", c -> w.events.append(c, owned, NOW));
      FactRepository facts = facts(w, kind);
      Segmenter segmenter =
          segmenter(
              w,
              kind,
              new InactivityPolicy(null, null, null, "UTC"),
              Clock.fixed(NOW, ZoneOffset.UTC));
      segmenter.refresh();

      PurchaseModelRepository.PurchaseModel m =
          new PurchaseModelRepository(w.db).latest().orElseThrow();
      assertThat(m.customers()).isEqualTo(300);
      BgNbd fitted = new BgNbd(m.r(), m.alpha(), m.a(), m.b());
      int checked = 0;
      for (long id : w.ids.values()) {
        FactRepository.Facts f = facts.find(id).orElseThrow();
        if (f.purchaseDays() < 2) {
          assertThat(f.pAlive()).isEqualTo(1.0);
          continue;
        }
        var rfm =
            Segmenter.rfm(
                new PurchaseHistoryRepository.PurchaseHistory(
                    id,
                    f.purchaseDays(),
                    f.firstPurchaseAt(),
                    f.lastPurchaseAt(),
                    f.totalSpend(),
                    f.purchaseCount()),
                NOW);
        double exactTx =
            (f.lastPurchaseAt().getEpochSecond() - f.firstPurchaseAt().getEpochSecond())
                / 86400.0
                / 7;
        double exactT = (NOW.getEpochSecond() - f.firstPurchaseAt().getEpochSecond()) / 86400.0 / 7;
        assertThat(f.pAlive())
            .as("contact %d x=%d", id, rfm.x())
            .isCloseTo(fitted.pAlive(rfm.x(), exactTx, exactT), within(1e-6));
        double exact = fitted.expectedPurchases(52, rfm.x(), exactTx, exactT);
        assertThat(f.expectedPurchases())
            .as("approximate E[Y(52 weeks)] for x=%d", rfm.x())
            .isCloseTo(exact, within(0.1 + exact * 0.25));
        checked++;
      }
      assertThat(checked).isGreaterThan(50);

      // as time passes, incremental runs (which re-evaluate only the rows whose time has come)
      // agree with full runs contact by contact: nobody's crossing is missed
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "UTC");
      for (int days : new int[] {20, 75, 140, 400}) {
        Instant t = NOW.plus(days, ChronoUnit.DAYS);
        segmenter(w, kind, policy, Clock.fixed(t, ZoneOffset.UTC)).incremental();
        Map<Long, String> incremental = lifecycles(facts, w);
        segmenter(w, kind, policy, Clock.fixed(t.plusMillis(1), ZoneOffset.UTC)).full();
        assertThat(incremental).as("%d days on", days).isEqualTo(lifecycles(facts, w));
      }
    }
  }

  @OnBothStores
  void a_merged_contact_counts_for_its_survivor_and_its_stay_ends_in_the_history(String kind)
      throws Exception {
    try (World w = World.on(kind)) {
      for (int k = 0; k < 30; k++) {
        w.event("p" + k, EventType.PURCHASE, 10 + k, "10.00"); // bystanders, spread over the ranges
      }
      w.event("ana", EventType.PURCHASE, 200, "40.00"); // alone: lapsed
      w.event("ana2", EventType.PURCHASE, 20, "25.00"); // the same person in another source
      w.event("ana2", EventType.VISIT, 15, null);
      FactRepository facts = facts(w, kind);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
      segmenter(w, kind, policy, Clock.fixed(NOW, ZoneOffset.UTC)).full();
      long ana = w.ids.get("ana");
      long ana2 = w.ids.get("ana2");
      assertThat(facts.find(ana).orElseThrow().lifecycle()).isEqualTo("LAPSED");

      // ana2 turns out to be ana: merged an hour later; the next incremental run moves ana on
      Instant later = NOW.plus(1, ChronoUnit.HOURS);
      w.merge(ana, ana2, later.minusSeconds(60));
      SegmentRuns.RunResult run =
          segmenter(w, kind, policy, Clock.fixed(later, ZoneOffset.UTC)).incremental();
      assertThat(run.kind()).isEqualTo("incremental");
      FactRepository.Facts merged = facts.find(ana).orElseThrow();
      assertThat(merged.purchaseCount()).as("ana's purchases and ana2's").isEqualTo(2);
      assertThat(merged.totalSpend()).isEqualByComparingTo("65.00");
      assertThat(merged.lastVisitAt()).isEqualTo(NOW.minus(15, ChronoUnit.DAYS));
      assertThat(merged.lifecycle()).isEqualTo("ACTIVE");
      assertThat(facts.find(ana2)).as("a merged contact has no segment of its own").isEmpty();
      assertThat(facts.memberships(ana2))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.lifecycle()).isEqualTo("NEW");
                assertThat(m.leftAt()).isEqualTo(later);
                assertThat(m.leftReason()).isEqualTo("merged into another contact");
              });
      assertThat(facts.memberships(ana))
          .extracting(FactRepository.Membership::lifecycle)
          .containsExactly("LAPSED", "ACTIVE");

      // a full run (on PostgreSQL: ranges on two connections, the survivor last) agrees and keeps
      // the stays
      w.ids.remove("ana2");
      Map<Long, String> incremental = lifecycles(facts, w);
      segmenter(w, kind, policy, Clock.fixed(later, ZoneOffset.UTC)).full();
      assertThat(lifecycles(facts, w)).isEqualTo(incremental);
      assertThat(facts.find(ana2)).isEmpty();
      assertThat(facts.find(ana).orElseThrow().purchaseCount()).isEqualTo(2);
      assertThat(facts.find(ana).orElseThrow().lifecycleSince())
          .as("still in the stay the incremental run began")
          .isEqualTo(later);
      assertThat(facts.memberships(ana)).hasSize(2);
    }
  }

  @OnBothStores
  void a_first_classification_writes_no_history_and_a_stay_outlives_full_runs_that_keep_it(
      String kind) throws Exception {
    try (World w = World.on(kind)) {
      for (int k = 0; k < 40; k++) {
        w.event("c" + k, EventType.PURCHASE, 5 + k * 11, "10.00");
      }
      FactRepository facts = facts(w, kind);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
      SegmentRuns.RunResult first =
          segmenter(w, kind, policy, Clock.fixed(NOW, ZoneOffset.UTC)).full();
      assertThat(first.changed()).as("every contact entered a segment").isEqualTo(40);
      assertThat(historyRows(w)).as("no stay has ended yet").isZero();

      Instant next = NOW.plus(1, ChronoUnit.DAYS);
      SegmentRuns.RunResult second =
          segmenter(w, kind, policy, Clock.fixed(next, ZoneOffset.UTC)).full();
      long moved =
          w.ids.values().stream()
              .filter(id -> facts.find(id).orElseThrow().lifecycleSince().equals(next))
              .count();
      assertThat(second.changed())
          .as("only those whose lifecycle changed in a day")
          .isEqualTo((int) moved);
      assertThat(historyRows(w)).isEqualTo(moved);
      for (long id : w.ids.values()) {
        FactRepository.Facts f = facts.find(id).orElseThrow();
        List<FactRepository.Membership> stays = facts.memberships(id);
        assertThat(stays.get(stays.size() - 1).enteredAt()).isEqualTo(f.lifecycleSince());
        assertThat(f.lifecycleSince()).isIn(NOW, next);
      }
    }
  }

  static long historyRows(World w) {
    return w.db.inTransaction(
        "count history",
        c -> {
          try (var st = c.createStatement();
              var rs = st.executeQuery("SELECT COUNT(*) FROM segment_membership")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /**
   * Time alone moves a contact across a calendar cut-off (at risk after 2 months without a
   * purchase, in Madrid): incremental runs every 15 minutes move it within about an hour of the
   * moment the rule says, never before, and recheck it only around that moment. Mid-month; on the
   * 31st, whose 2 months later is clipped to the end of February; across the end of summer time;
   * and a span of months and days (the rule takes the months off first).
   */
  @OnBothStores
  void time_moves_a_contact_across_a_calendar_cut_off_within_the_hour_and_rechecks_it_only_then(
      String kind) throws Exception {
    ZoneId madrid = ZoneId.of("Europe/Madrid");
    // last purchase, the at-risk span, how many rechecks at most
    String[][] cases = {
      {"2026-12-15T10:00", "P2M", "3"},
      {"2026-12-31T10:00", "P2M", "6"},
      {"2026-09-10T01:30", "P2M", "4"},
      {"2027-01-29T12:00", "P1M3D", "4"}
    };
    for (String[] c : cases) {
      TimeSpan span = TimeSpan.parse(c[1]);
      Map<Tier, TimeSpan> tiers = new EnumMap<>(Tier.class);
      tiers.put(Tier.AT_RISK, span);
      tiers.put(Tier.LAPSED, TimeSpan.parse("P3M"));
      tiers.put(Tier.DORMANT, TimeSpan.parse("P12M"));
      InactivityPolicy policy = new InactivityPolicy(null, null, tiers, "Europe/Madrid");
      try (World w = World.on(kind)) {
        Instant lastPurchase = LocalDateTime.parse(c[0]).atZone(madrid).toInstant();
        Instant crossing = lastPurchase;
        while (!span.before(crossing, madrid).isAfter(lastPurchase)) {
          crossing = crossing.plus(1, ChronoUnit.MINUTES);
        }
        Instant start = crossing.minus(20, ChronoUnit.DAYS);
        w.recordedAt = start.minus(1, ChronoUnit.DAYS);
        w.event("eva", EventType.PURCHASE, lastPurchase.minus(100, ChronoUnit.DAYS), "10.00");
        w.event("eva", EventType.PURCHASE, lastPurchase, "10.00");
        FactRepository facts = facts(w, kind);
        long eva = w.ids.get("eva");
        segmenter(w, kind, policy, Clock.fixed(start, ZoneOffset.UTC)).incremental();
        // a cycle a day before: nothing is due yet
        int rechecks =
            segmenter(
                    w,
                    kind,
                    policy,
                    Clock.fixed(crossing.minus(1, ChronoUnit.DAYS), ZoneOffset.UTC))
                .incremental()
                .rechecked();
        Instant movedAt = null;
        for (Instant t = crossing.minus(3, ChronoUnit.HOURS);
            t.isBefore(crossing.plus(2, ChronoUnit.HOURS));
            t = t.plus(15, ChronoUnit.MINUTES)) {
          rechecks +=
              segmenter(w, kind, policy, Clock.fixed(t, ZoneOffset.UTC)).incremental().rechecked();
          String lifecycle = facts.find(eva).orElseThrow().lifecycle();
          if (t.isBefore(crossing)) {
            assertThat(lifecycle)
                .as("%s: at %s, before the cut-off passes at %s", c[0], t, crossing)
                .isEqualTo("ACTIVE");
          } else if (movedAt == null && lifecycle.equals("AT_RISK")) {
            movedAt = t;
          }
        }
        assertThat(movedAt).as("%s: moved at all", c[0]).isNotNull();
        assertThat(Duration.between(crossing, movedAt))
            .as("%s: moved within the hour", c[0])
            .isLessThanOrEqualTo(Duration.ofMinutes(75));
        assertThat(rechecks)
            .as("%s: rechecked around the crossing only, not every cycle for weeks", c[0])
            .isBetween(1, Integer.parseInt(c[2]));
      }
    }
  }

  @OnBothStores
  void an_undone_merge_splits_the_facts_again_and_the_merged_contact_gets_its_own_segment(
      String kind) throws Exception {
    try (World w = World.on(kind)) {
      w.event("ana", EventType.PURCHASE, 200, "40.00");
      w.event("ana2", EventType.PURCHASE, 20, "25.00");
      w.event("ana2", EventType.VISIT, 15, null);
      FactRepository facts = facts(w, kind);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
      long ana = w.ids.get("ana");
      long ana2 = w.ids.get("ana2");
      Instant merged = NOW.plus(1, ChronoUnit.HOURS);
      w.merge(ana, ana2, NOW.minusSeconds(60));
      segmenter(w, kind, policy, Clock.fixed(NOW, ZoneOffset.UTC)).full();
      assertThat(facts.find(ana).orElseThrow().purchaseCount()).isEqualTo(2);
      assertThat(facts.find(ana2)).isEmpty();

      long mergeId = w.merges.merges(ana).get(0).id();
      assertThat(w.merges.undoMerge(mergeId, merged.minusSeconds(60))).isTrue();
      segmenter(w, kind, policy, Clock.fixed(merged, ZoneOffset.UTC)).incremental();
      assertThat(facts.find(ana).orElseThrow().purchaseCount())
          .as("ana's own purchase again")
          .isEqualTo(1);
      assertThat(facts.find(ana).orElseThrow().lifecycle()).isEqualTo("LAPSED");
      FactRepository.Facts back = facts.find(ana2).orElseThrow();
      assertThat(back.lifecycle()).isEqualTo("NEW");
      assertThat(back.lifecycleSince()).isEqualTo(merged);
      assertThat(facts.memberships(ana))
          .extracting(FactRepository.Membership::lifecycle)
          .containsExactly("ACTIVE", "LAPSED");
    }
  }

  @OnBothStores
  void the_we_fixed_it_treatment_ends_with_the_lookback_as_time_passes(String kind)
      throws Exception {
    try (World w = World.on(kind)) {
      w.event("carl", EventType.PURCHASE, 10, "25.00");
      w.event(
          "carl",
          EventType.COMPLAINT,
          NOW.minus(730, ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS),
          null);
      FactRepository facts = facts(w, kind);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
      segmenter(w, kind, policy, Clock.fixed(NOW, ZoneOffset.UTC)).incremental();
      assertThat(facts.find(w.ids.get("carl")).orElseThrow().treatment()).isEqualTo("we_fixed_it");
      SegmentRuns.RunResult later =
          segmenter(w, kind, policy, Clock.fixed(NOW.plus(3, ChronoUnit.DAYS), ZoneOffset.UTC))
              .incremental();
      assertThat(later.rechecked()).as("the end of the lookback is a recheck moment").isEqualTo(1);
      assertThat(facts.find(w.ids.get("carl")).orElseThrow().treatment()).isEqualTo("standard");
    }
  }

  @Test
  void a_full_run_on_two_connections_leaves_the_recheck_index_in_place() throws Exception {
    try (World w = World.on("postgres")) {
      for (int k = 0; k < 20; k++) {
        w.event("c" + k, EventType.PURCHASE, 5 + k * 20, "10.00");
      }
      FactRepository facts = facts(w, "postgres");
      segmenter(
              w,
              "postgres",
              new InactivityPolicy(null, null, null, "Europe/Madrid"),
              Clock.fixed(NOW, ZoneOffset.UTC))
          .full();
      long indexes =
          w.db.inTransaction(
              "indexes",
              c -> {
                try (var st = c.createStatement();
                    var rs =
                        st.executeQuery(
                            "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()"
                                + " AND indexname = 'contact_fact_recheck_ix'")) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      assertThat(indexes).isEqualTo(1);
    }
  }

  static Map<Long, String> lifecycles(FactRepository facts, World w) {
    Map<Long, String> out = new HashMap<>();
    for (long id : w.ids.values()) {
      out.put(id, facts.find(id).orElseThrow().lifecycle());
    }
    return out;
  }

  @OnBothStores
  void a_run_as_of_a_past_day_leaves_later_events_out_and_the_next_run_now_counts_them_again(
      String kind) throws Exception {
    try (World w = World.on(kind)) {
      w.event("luis", EventType.PURCHASE, 300, "40.00");
      w.event(
          "luis", EventType.PURCHASE, 10, "40.00"); // after the reference day: left out as of it
      w.event(
          "nora", EventType.PURCHASE, 120, "20.00"); // 20 days before the reference day: new then
      FactRepository facts = facts(w, kind);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
      String day = LocalDate.ofInstant(NOW.minus(100, ChronoUnit.DAYS), policy.zoneId()).toString();
      segmenter(w, kind, policy, Clock.fixed(NOW, ZoneOffset.UTC)).incremental();

      SegmentRuns.RunResult asOf =
          segmenter(w, kind, policy, AsOf.clock(day, policy.zoneId()), true).incremental();

      assertThat(asOf.kind()).isEqualTo("full");
      FactRepository.Facts luis = facts.find(w.ids.get("luis")).orElseThrow();
      assertThat(luis.lifecycle()).as(luis.lifecycleReason()).isEqualTo("LAPSED");
      assertThat(luis.purchaseCount()).isEqualTo(1);
      assertThat(facts.find(w.ids.get("nora")).orElseThrow().lifecycle()).isEqualTo("NEW");
      // once more as of the same day: the same rules, so an incremental run that changes nothing
      assertThat(
              segmenter(w, kind, policy, AsOf.clock(day, policy.zoneId()), true)
                  .incremental()
                  .kind())
          .isEqualTo("incremental");

      // back to now: another reference moment is another rule set, so every contact is recomputed
      SegmentRuns.RunResult now =
          segmenter(w, kind, policy, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
              .incremental();

      assertThat(now.kind()).isEqualTo("full");
      luis = facts.find(w.ids.get("luis")).orElseThrow();
      assertThat(luis.purchaseCount()).isEqualTo(2);
      assertThat(luis.lifecycle()).isEqualTo("ACTIVE");
      assertThat(facts.find(w.ids.get("nora")).orElseThrow().lifecycle()).isEqualTo("LAPSED");
    }
  }

  @OnBothStores
  void the_rhythm_rule_switched_off_leaves_the_profile_s_tiers_to_decide(String kind)
      throws Exception {
    try (World w = World.on(kind)) {
      for (int week = 8; week >= 3; week--) {
        w.event(
            "wes", EventType.PURCHASE, week * 7 - 1, "12.00"); // weekly buyer, silent for 20 days
      }
      FactRepository facts = facts(w, kind);
      InactivityPolicy on = new InactivityPolicy(null, null, null, "Europe/Madrid");
      InactivityPolicy off =
          new InactivityPolicy(
              null,
              null,
              null,
              null,
              new InactivityPolicy.Rhythm(false, null, null, null),
              null,
              null,
              null,
              null,
              null,
              "Europe/Madrid");

      segmenter(w, kind, on, Clock.fixed(NOW, ZoneOffset.UTC)).incremental();
      assertThat(facts.find(w.ids.get("wes")).orElseThrow().lifecycle()).isEqualTo("AT_RISK");
      SegmentRuns.RunResult run =
          segmenter(w, kind, off, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC)).incremental();

      assertThat(run.kind()).as("a changed policy recomputes everyone").isEqualTo("full");
      FactRepository.Facts wes = facts.find(w.ids.get("wes")).orElseThrow();
      assertThat(wes.lifecycle()).as(wes.lifecycleReason()).isEqualTo("ACTIVE");
      Explainer.Explanation why = w.explainer(off).explain(w.ids.get("wes")).orElseThrow();
      assertThat(why.lines().get("rhythm")).startsWith("switched off in the policy");
    }
  }

  @OnBothStores
  void the_purchase_model_switched_off_is_neither_fitted_nor_used(String kind) throws Exception {
    try (World w = World.on(kind)) {
      for (int k = 0; k < 12; k++) {
        w.event("b" + k, EventType.PURCHASE, 200 + k, "10.00");
        w.event("b" + k, EventType.PURCHASE, 20 + k, "10.00");
      }
      FactRepository facts = facts(w, kind);
      InactivityPolicy off =
          new InactivityPolicy(
              null,
              null,
              null,
              null,
              null,
              new InactivityPolicy.Model(false, 10, null, null),
              null,
              null,
              null,
              null,
              "Europe/Madrid");
      InactivityPolicy on =
          new InactivityPolicy(
              null,
              null,
              null,
              null,
              null,
              new InactivityPolicy.Model(null, 10, null, null),
              null,
              null,
              null,
              null,
              "Europe/Madrid");
      Segmenter withModel = segmenter(w, kind, on, Clock.fixed(NOW, ZoneOffset.UTC));
      withModel.incremental();
      assertThat(withModel.fitModel()).isPresent();

      Segmenter without = segmenter(w, kind, off, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
      assertThat(without.fitModel()).isEmpty();
      without.full();

      FactRepository.Facts b0 = facts.find(w.ids.get("b0")).orElseThrow();
      assertThat(b0.pAlive()).isNull();
      assertThat(b0.expectedValue()).isNull();
      Explainer.Explanation why = w.explainer(off).explain(w.ids.get("b0")).orElseThrow();
      assertThat(why.lines().get("model")).startsWith("switched off in the policy");
    }
  }
}
