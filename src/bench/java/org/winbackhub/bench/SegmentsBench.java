package org.winbackhub.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winbackhub.segment.InactivityPolicy;
import org.winbackhub.segment.SegmentRules;
import org.winbackhub.segment.Segmenter;
import org.winbackhub.segment.classify.Rules;
import org.winbackhub.segment.classify.SegmentRuns;
import org.winbackhub.segment.predict.ModelFit;
import org.winbackhub.segment.predict.Rfm;
import org.winbackhub.store.Database;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.Migrations;
import org.winbackhub.store.PurchaseHistoryRepository;
import org.winbackhub.store.PurchaseModelRepository;

/**
 * bench/run segments: N contacts with 10 events each in a PostgreSQL hub store; a full
 * classification by the hub (facts, tiers, rhythm, value, sunset, membership history) against one
 * hand-written SQL statement computing the same tiers, checked to agree contact by contact; then an
 * incremental run after 1 % of contacts bought again; and a BG/NBD + Gamma-Gamma fit on 100,000
 * customers.
 */
public final class SegmentsBench {
  /** Connections computing a full run at once: the machine's two cores. */
  static final int WORKERS = 2;

  public static void main(String[] args) throws Exception {
    int contacts = 1_000_000;
    boolean reuse = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--contacts")) {
        contacts = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--reuse")) {
        reuse =
            true; // keep the contacts and events an earlier run generated; only the derived tables
        // start empty
      }
    }
    long events = contacts * 10L;
    SourcesBench.HeapPeak heap = new SourcesBench.HeapPeak();
    heap.start();

    InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
    if (reuse && generated(contacts)) {
      System.out.printf(
          "reusing %,d contacts and %,d events in schema bench_seg%n", contacts, events);
    } else {
      generate(contacts, events);
    }
    try (HikariDataSource ds = SourcesBench.pool("bench_seg")) {
      Migrations.migrate(ds);
      SourcesBench.exec(
          ds,
          "DELETE FROM contact_event WHERE external_id LIKE 'again%'",
          "TRUNCATE contact_fact, segment_membership, segment_run, purchase_model, segment_dirty,"
              + " segment_prev, segment_agg",
          "VACUUM ANALYZE contact_event");

      Database db = new Database(ds);
      SegmentRuns runs = new SegmentRuns(db, WORKERS);
      FactRepository facts = new FactRepository(db);
      SegmentRules rules = new SegmentRules(policy);

      // the hub: a full run, no purchase model yet
      Instant now = Instant.now();
      Rules at = rules.at(now, null);
      long t = System.nanoTime();
      SegmentRuns.RunResult full = runs.full(at);
      double fullSeconds = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          "hub full run: %,d contacts, %,d entered a segment, %.1f s%n",
          full.recomputed(), full.changed(), fullSeconds);
      System.out.println("  " + phases(full));
      System.out.println("  " + facts.countByLifecycle());

      // the baseline: one hand-written statement computing the same tiers
      t = System.nanoTime();
      // with the session settings the hub's run uses (no JIT, room to sort in memory)
      SourcesBench.exec(
          ds,
          "DROP TABLE IF EXISTS baseline_tiers",
          "BEGIN",
          "SET LOCAL jit = off",
          "SET LOCAL work_mem = '256MB'",
          baselineSql(at),
          "COMMIT");
      double baselineSeconds = (System.nanoTime() - t) / 1e9;
      long disagree =
          count(
              ds,
              "SELECT COUNT(*) FROM contact_fact f JOIN baseline_tiers b ON b.contact_id ="
                  + " f.contact_id WHERE b.lifecycle <> f.lifecycle");
      long compared = count(ds, "SELECT COUNT(*) FROM baseline_tiers");
      System.out.printf(
          "baseline (one SQL statement): %.1f s; tiers agree for %,d of %,d contacts%n",
          baselineSeconds, compared - disagree, compared);
      if (disagree != 0 || compared != contacts) {
        throw new IllegalStateException(disagree + " contacts are in another tier by the baseline");
      }

      // 1 % of contacts buy again; the next run, a cycle (15 minutes) later, is incremental
      SourcesBench.exec(
          ds,
          "INSERT INTO contact_event (contact_id, source, external_id, type, occurred_at, amount,"
              + " currency, recorded_at) SELECT c, 'bench', 'again' || c, 'purchase', now(), 20,"
              + " 'EUR', now() FROM generate_series(1::bigint, "
              + contacts
              + ", 100) c");
      Instant cycle = now.plus(Duration.ofMinutes(15));
      t = System.nanoTime();
      SegmentRuns.RunResult incremental =
          runs.incremental(rules.at(cycle, null), Duration.ofMinutes(5));
      double incrementalSeconds = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          "hub incremental run: %,d contacts recomputed, %,d rechecked as time passed, %,d changed"
              + " segment, %.2f s%n",
          incremental.recomputed(),
          incremental.rechecked(),
          incremental.changed(),
          incrementalSeconds);
      System.out.println("  " + phases(incremental));

      // the purchase model on 100,000 customers
      List<Rfm> customers = new ArrayList<>();
      new PurchaseHistoryRepository(db)
          .forEach(
              h -> {
                if (customers.size() < 100_000 && h.purchaseDays() > 0) {
                  customers.add(Segmenter.rfm(h, now));
                }
              });
      t = System.nanoTime();
      ModelFit.BgNbdFit fit = ModelFit.bgNbd(customers);
      ModelFit.GammaGammaFit spend = ModelFit.gammaGamma(customers);
      double fitSeconds = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          "fit on %,d customers: %s loglik=%.1f; gamma-gamma %s; %.1f s%n",
          customers.size(),
          fit.model(),
          fit.logLikelihood(),
          spend == null ? "not fitted" : spend.model(),
          fitSeconds);

      // the daily refit: a full run with the model, over a store whose contacts all have a segment
      PurchaseModelRepository.PurchaseModel model =
          Segmenter.purchaseModel(cycle, customers.size(), fit, spend);
      t = System.nanoTime();
      SegmentRuns.RunResult refit = runs.full(rules.at(cycle.plusSeconds(60), model));
      System.out.printf(
          "hub full run with the model (as after the daily refit): %,d contacts, %,d changed"
              + " segment, %.1f s%n",
          refit.recomputed(), refit.changed(), (System.nanoTime() - t) / 1e9);
      System.out.println("  " + phases(refit));

      heap.stopSampling();
      System.out.printf("peak heap %d MB%n", heap.peakMb());
      double throughput = contacts / fullSeconds;
      double baseline = contacts / baselineSeconds;
      System.out.printf(
          Locale.ROOT,
          "RESULT name=segments throughput=%.0f baseline=%.0f ratio=%.2f full_s=%.1f"
              + " incremental_s=%.2f fit_s=%.1f%n",
          throughput,
          baseline,
          throughput / baseline,
          fullSeconds,
          incrementalSeconds,
          fitSeconds);
    }
  }

  /** Whether bench_seg holds the contacts of an earlier run of this size. */
  private static boolean generated(int contacts) throws Exception {
    try (HikariDataSource admin = SourcesBench.pool("public")) {
      if (count(
              admin,
              "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'bench_seg' AND"
                  + " table_name = 'contact'")
          == 0) {
        return false;
      }
      return count(admin, "SELECT COUNT(*) FROM bench_seg.contact") == contacts;
    }
  }

  /**
   * N contacts with 10 events each: a last activity 0-729 days ago and a pace of 3-62 days between
   * events; 6 purchases, 2 visits, a message and a click; every 20th contact only ever got mail.
   */
  private static void generate(int contacts, long events) throws Exception {
    System.out.printf(
        "generating %,d contacts and %,d events in schema bench_seg%n", contacts, events);
    long g = System.nanoTime();
    try (HikariDataSource admin = SourcesBench.pool("public")) {
      SourcesBench.exec(
          admin, "DROP SCHEMA IF EXISTS bench_seg CASCADE", "CREATE SCHEMA bench_seg");
    }
    try (HikariDataSource ds = SourcesBench.pool("bench_seg")) {
      Migrations.migrate(ds);
      SourcesBench.exec(
          ds,
          "INSERT INTO contact (id, email, email_consent, sms_consent, created_at, updated_at)"
              + " SELECT i, 'c' || i || '@example.com', 'GRANTED', 'UNKNOWN', now() - interval '2"
              + " days', now() - interval '2 days' FROM generate_series(1::bigint, "
              + contacts
              + ") i",
          "INSERT INTO contact_event (contact_id, source, external_id, type, occurred_at, amount,"
              + " currency, recorded_at) SELECT c, 'bench', 'e' || i, CASE WHEN c % 20 = 0 THEN"
              + " 'email_sent' WHEN j < 6 THEN 'purchase' WHEN j < 8 THEN 'visit' WHEN j = 8 THEN"
              + " 'email_sent' ELSE 'email_clicked' END, now() - ((((c * 7919) % 730) + j * (3 + c"
              + " % 60)) || ' days')::interval - ((i % 86400) || ' seconds')::interval, CASE WHEN j"
              + " < 6 AND c % 20 <> 0 THEN 5 + (i % 200) END, CASE WHEN j < 6 AND c % 20 <> 0 THEN"
              + " 'EUR' END, now() - interval '1 day' FROM (SELECT i, 1 + i / 10 AS c, i % 10 AS j"
              + " FROM generate_series(0::bigint, "
              + (events - 1)
              + ") i) g",
          "VACUUM ANALYZE contact",
          "VACUUM ANALYZE contact_event");
    }
    System.out.printf("generated in %.1f s%n", (System.nanoTime() - g) / 1e9);
  }

  /**
   * The tiers by hand, as one would write them for PostgreSQL: raw times aggregated per contact
   * (MIN/MAX with FILTER), compared to the cut-offs as timestamps, epoch seconds taken once per
   * contact for the rhythm, purchase days counted as distinct local days.
   */
  static String baselineSql(Rules r) {
    String off = String.valueOf(r.zoneOffsetSeconds());
    String now = epoch(r.now());
    String lp = "date_part('epoch', a.lp)";
    String fp = "date_part('epoch', a.fp)";
    String rhythmOk = "a.pdays >= " + r.rhythmMinPurchases() + " AND a.lp > a.fp";
    String gap = "(" + now + " - " + lp + ") / 86400.0";
    String usual = "(" + lp + " - " + fp + ") / 86400.0 / (a.pdays - 1)";
    String activity = "type IN ('purchase', 'visit', 'email_clicked', 'sms_clicked')";
    return "CREATE TABLE baseline_tiers AS SELECT k.id AS contact_id, CASE"
        + " WHEN a.last_act IS NULL THEN 'NEVER_ENGAGED'"
        + " WHEN a.first_act >= "
        + timestamp(r.newSince())
        + " THEN 'NEW'"
        + " WHEN a.last_act < "
        + timestamp(r.dormantBefore())
        + " THEN 'DORMANT'"
        + " WHEN "
        + rhythmOk
        + " AND "
        + gap
        + " > "
        + r.rhythmLapsed()
        + " * "
        + usual
        + " THEN 'LAPSED'"
        + " WHEN "
        + rhythmOk
        + " AND "
        + gap
        + " > "
        + r.rhythmAtRisk()
        + " * "
        + usual
        + " THEN 'AT_RISK'"
        + " WHEN NOT ("
        + rhythmOk
        + ") AND a.last_act < "
        + timestamp(r.lapsedBefore())
        + " THEN 'LAPSED'"
        + " WHEN NOT ("
        + rhythmOk
        + ") AND a.last_act < "
        + timestamp(r.atRiskBefore())
        + " THEN 'AT_RISK'"
        + " ELSE 'ACTIVE' END AS lifecycle"
        + " FROM contact k LEFT JOIN ("
        + "   SELECT contact_id,"
        + "   MAX(occurred_at) FILTER (WHERE "
        + activity
        + ") AS last_act,"
        + "   MIN(occurred_at) FILTER (WHERE "
        + activity
        + ") AS first_act,"
        + "   MIN(occurred_at) FILTER (WHERE type = 'purchase') AS fp,"
        + "   MAX(occurred_at) FILTER (WHERE type = 'purchase') AS lp,"
        + "   COUNT(DISTINCT floor((date_part('epoch', occurred_at) + "
        + off
        + ") / 86400)) FILTER (WHERE type = 'purchase') AS pdays"
        + "   FROM contact_event GROUP BY contact_id) a ON a.contact_id = k.id"
        + " WHERE k.merged_into IS NULL";
  }

  private static String timestamp(Instant i) {
    return "TIMESTAMPTZ '" + i.truncatedTo(ChronoUnit.MICROS) + "'";
  }

  /** "keep stays 0.0 s, classify 31.2 s, ...": where a run's time went. */
  static String phases(SegmentRuns.RunResult run) {
    List<String> parts = new ArrayList<>();
    run.phases()
        .forEach(
            (name, took) ->
                parts.add(String.format(Locale.ROOT, "%s %.2f s", name, took.toMillis() / 1000.0)));
    return String.join(", ", parts);
  }

  private static String epoch(Instant i) {
    return String.format(Locale.ROOT, "%.6f", i.getEpochSecond() + i.getNano() / 1e9);
  }

  private static long count(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
