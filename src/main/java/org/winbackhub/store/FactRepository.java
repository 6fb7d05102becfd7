package org.winbackhub.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Facts derived from the activity history, the lifecycle they put each contact in, and the
 * history of those lifecycles. Everything is set-based: a full run is one aggregating INSERT and a
 * few statements for the membership history; an incremental run recomputes the facts of the
 * contacts whose events, merges or records changed since the last run, and re-evaluates the rules
 * on every row in one UPDATE that writes only the rows whose lifecycle or sunset flag moved (time
 * passing moves contacts across tiers without any new event).
 */
public final class FactRepository {

  /** The derived facts of one contact. */
  public record Facts(
      long contactId,
      Instant firstPurchaseAt,
      Instant lastPurchaseAt,
      int purchaseCount,
      int purchaseDays,
      BigDecimal totalSpend,
      int discountPurchases,
      Instant lastVisitAt,
      Instant lastClickAt,
      Instant lastOpenAt,
      Instant firstActivityAt,
      Instant lastActivityAt,
      int complaintCount,
      int emailsSent,
      Instant firstEmailAt,
      Instant lastEngagedAt,
      BigDecimal rhythmDays,
      Double pAlive,
      Double expectedPurchases,
      BigDecimal expectedValue,
      Integer valueScore,
      String behaviour,
      String treatment,
      boolean sunset,
      String sunsetReason,
      String lifecycle,
      String lifecycleReason,
      Instant classifiedAt,
      Instant computedAt) {}

  /** The fitted purchase model the rules use (BG/NBD and, when fitted, Gamma-Gamma). */
  public record PurchaseModel(
      Instant fittedAt, int customers, int timeUnitDays, double r, double alpha, double a, double b, double logLikelihood,
      Double spendP, Double spendQ, Double spendGamma) {}

  /** One contact's purchase history in the terms the model needs. */
  public record PurchaseHistory(long contactId, int purchaseDays, Instant firstPurchaseAt, Instant lastPurchaseAt, BigDecimal totalSpend, int purchaseCount) {}

  /** A stay in a lifecycle segment. */
  public record Membership(String lifecycle, String reason, Instant enteredAt, Instant leftAt, String leftReason) {}

  /** What one run did. */
  public record RunResult(String kind, int recomputed, int rechecked, int changed, Duration took) {}

  /**
   * The classification, ready for SQL: cut-offs as instants, rhythm factors, the model, the value
   * reference levels, and the words of each reason. Built by the segment stage from the policy.
   */
  public record Rules(
      Instant now,
      List<String> activityTypes,
      long zoneOffsetSeconds,
      Instant newSince,
      Instant atRiskBefore,
      Instant lapsedBefore,
      Instant dormantBefore,
      int rhythmMinPurchases,
      double rhythmAtRisk,
      double rhythmLapsed,
      PurchaseModel model,
      double pAliveAtRisk,
      double horizonDays,
      double valueSpend,
      double valueExpected,
      double valueTenureDays,
      int valuePurchases,
      double discountShare,
      int sunsetAfterMessages,
      Instant sunsetBefore,
      Words words,
      String policy) {

    /**
     * What the rules are, apart from the moment they are evaluated at: a run with other rules (a
     * changed policy, a new model) than the last one recomputes every contact.
     */
    public String fingerprint() {
      String f = policy + "|model " + (model == null ? "-" : model.fittedAt());
      return f.length() <= 1000 ? f : f.substring(0, 900) + "#" + Integer.toHexString(f.hashCode());
    }
  }

  /** The fixed words of each reason; the numbers are added by the SQL from each contact's facts. */
  public record Words(
      String neverEngaged,
      String isNew,
      String dormant,
      String lapsed,
      String atRisk,
      String active,
      String activity,
      String sunset) {}

  private final Database db;

  public FactRepository(Database db) {
    this.db = db;
  }

  /** Recomputes every live contact's facts and lifecycle. */
  public RunResult full(Rules rules) {
    return run(rules, null);
  }

  /**
   * Recomputes the facts of contacts that changed since the last run started (less {@code
   * overlap}, for transactions that committed late), re-evaluates every contact's rules and writes
   * the ones that moved. Without an earlier run, a full run.
   */
  public RunResult incremental(Rules rules, Duration overlap) {
    return run(rules, overlap);
  }

  private RunResult run(Rules rules, Duration overlap) {
    long started = System.nanoTime();
    return db.inTransaction(
        "segment contacts",
        c -> {
          boolean postgres = db.isPostgres(c);
          if (postgres) {
            // the rules make long expressions: compiling them (JIT) costs more than it saves, and
            // the per-contact aggregation sorts all events, which should not spill to disk
            execute(c, "SET LOCAL jit = off");
            execute(c, "SET LOCAL work_mem = '256MB'");
          }
          LastRun last = overlap == null ? null : lastRun(c);
          boolean full = last == null || !last.fingerprint().equals(rules.fingerprint());
          Instant since = full ? null : last.startedAt();
          long runId = startRun(c, full ? "FULL" : "INCREMENTAL", rules.now(), rules.fingerprint());
          int recomputed;
          int rechecked = 0;
          if (full) {
            execute(c, "DELETE FROM contact_fact");
            if (!postgres) {
              stage(c, rules, Scope.ALL);
            }
            recomputed = execute(c, insertClassified(rules, Scope.ALL, !postgres), rules.now(), rules.now());
          } else {
            markDirty(c, since.minus(overlap));
            if (postgres) {
              // the dirty contacts and those merged into them (whose events count for them), as
              // arrays: PostgreSQL then reads their events by index instead of hashing them all
              List<Long> dirty = ids(c, "SELECT contact_id FROM segment_dirty ORDER BY contact_id");
              List<Long> owners = ids(c, "SELECT contact_id FROM segment_dirty UNION SELECT o.id FROM contact o"
                  + " JOIN segment_dirty d ON o.merged_into = d.contact_id ORDER BY 1");
              execute(c, "DELETE FROM contact_fact WHERE contact_id = ANY(?)", c.createArrayOf("bigint", dirty.toArray()));
              recomputed = execute(c, insertClassified(rules, Scope.DIRTY_ARRAYS, false), rules.now(), rules.now(),
                  c.createArrayOf("bigint", owners.toArray()), c.createArrayOf("bigint", dirty.toArray()));
            } else {
              // H2 scans an array condition row by row; IN (subquery) it plans well
              execute(c, "DELETE FROM contact_fact WHERE contact_id IN (SELECT contact_id FROM segment_dirty)");
              stage(c, rules, Scope.DIRTY_TABLE);
              recomputed = execute(c, insertClassified(rules, Scope.DIRTY_TABLE, true), rules.now(), rules.now());
            }
            rechecked = moveWithTime(c, rules);
          }
          int changed = membership(c, rules.now());
          finishRun(c, runId, recomputed, changed, rules.now());
          return new RunResult(full ? "full" : "incremental", recomputed, rechecked, changed, Duration.ofNanos(System.nanoTime() - started));
        });
  }

  private static final String FACT_COLUMNS =
      "contact_id, first_purchase_at, last_purchase_at, purchase_count, purchase_days, total_spend, discount_purchases,"
          + " last_visit_at, last_click_at, last_open_at, first_activity_at, last_activity_at, complaint_count,"
          + " emails_sent, first_email_at, last_engaged_at";

  private static final String DERIVED_COLUMNS =
      "rhythm_days, p_alive, expected_purchases, expected_value, value_score, behaviour, treatment, sunset, sunset_reason,"
          + " recheck_at, lifecycle, lifecycle_reason, classified_at, computed_at";

  /** Which contacts a facts SELECT covers: all, or the dirty ones given as arrays or in segment_dirty. */
  private enum Scope {
    ALL,
    DIRTY_ARRAYS,
    DIRTY_TABLE
  }

  private static String insertClassified(Rules rules, Scope scope, boolean staged) {
    return "INSERT INTO contact_fact (" + FACT_COLUMNS + ", " + DERIVED_COLUMNS + ") " + classified(rules, factsSelect(rules, scope, staged));
  }

  private static List<Long> ids(Connection c, String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  /**
   * The aggregated facts with every rule evaluated on them, in one SELECT (two parameters: now,
   * now). Layers compute each shared value once (epoch seconds, rhythm, P(alive), expected
   * purchases, the number of the deciding rule); OFFSET 0 keeps PostgreSQL from folding a layer
   * into the next and evaluating its expressions again.
   */
  private static String classified(Rules r, String facts) {
    Expressions raw = new Expressions(r);
    StringBuilder epochs = new StringBuilder();
    for (String t : Expressions.TIMES) {
      epochs.append(", CAST(EXTRACT(EPOCH FROM ").append(t).append(") AS DOUBLE PRECISION) AS ").append(t).append("_e");
    }
    String b = "SELECT agg.*" + epochs + " FROM (" + facts + ") agg OFFSET 0";
    Expressions e = raw.withEpochColumns();
    String c = "SELECT b.*, " + e.rhythm() + " AS rhythm_v, " + (r.model() == null ? "CAST(NULL AS DOUBLE PRECISION)" : e.pAlive()) + " AS p_alive_v FROM (" + b + ") b OFFSET 0";
    Expressions v = e.withValueColumns();
    String d = "SELECT c.*, " + (r.model() == null ? "CAST(NULL AS DOUBLE PRECISION)" : v.expectedPurchases()) + " AS ep_v, " + v.sunset() + " AS sunset_v, "
        + v.ruleNumber() + " AS rule_no FROM (" + c + ") c OFFSET 0";
    Expressions x = v.withExpectedColumn();
    return "SELECT " + FACT_COLUMNS + ", rhythm_v, p_alive_v, ep_v, " + x.expectedValue() + ", " + x.valueScore() + ", "
        + x.behaviour() + ", CASE WHEN complaint_count > 0 THEN 'we_fixed_it' ELSE 'standard' END, sunset_v, "
        + "CASE WHEN sunset_v THEN " + x.sunsetReason() + " END, " + x.recheck() + ", " + x.lifecycleByRule() + ", " + x.reasonByRule() + ", ?, ?"
        + " FROM (" + d + ") d";
  }

  /**
   * Aggregates events per contact, in one pass over the events; a merged contact's events count
   * for its survivor (the join to merged contacts is a small hash). Purchase days are distinct days
   * in the business's zone, so purchases on one day count once.
   */
  /** The per-contact facts, from the events aggregate inline or, when {@code staged}, from segment_agg. */
  private static String factsSelect(Rules r, Scope scope, boolean staged) {
    String source = staged ? "segment_agg" : "(" + eventsAggregate(r, scope) + ")";
    return "SELECT k.id AS contact_id, a.first_purchase_at, a.last_purchase_at, COALESCE(a.purchase_count, 0) AS purchase_count,"
        + " COALESCE(a.purchase_days, 0) AS purchase_days, COALESCE(a.total_spend, 0) AS total_spend,"
        + " COALESCE(a.discount_purchases, 0) AS discount_purchases, a.last_visit_at, a.last_click_at, a.last_open_at,"
        + " a.first_activity_at, a.last_activity_at, COALESCE(a.complaint_count, 0) AS complaint_count,"
        + " COALESCE(a.emails_sent, 0) AS emails_sent, a.first_email_at, a.last_engaged_at"
        + " FROM contact k LEFT JOIN " + source + " a ON a.contact_id = k.id"
        + " WHERE k.merged_into IS NULL"
        + switch (scope) {
          case ALL -> "";
          case DIRTY_ARRAYS -> " AND k.id = ANY(?)";
          case DIRTY_TABLE -> " AND k.id IN (SELECT contact_id FROM segment_dirty)";
        };
  }

  /** Events aggregated per contact (a merged contact's for its survivor), in one GROUP BY. */
  private static String eventsAggregate(Rules r, Scope scope) {
    String activity = r.activityTypes().isEmpty() ? "(NULL)" : inList(r.activityTypes());
    String day = "FLOOR((CAST(EXTRACT(EPOCH FROM e.occurred_at) AS DOUBLE PRECISION) + " + r.zoneOffsetSeconds() + ") / 86400)";
    String owner = "COALESCE(m.merged_into, e.contact_id)";
    String events =
        "SELECT " + owner + " AS contact_id,"
            + " MIN(CASE WHEN e.type = 'purchase' THEN e.occurred_at END) AS first_purchase_at,"
            + " MAX(CASE WHEN e.type = 'purchase' THEN e.occurred_at END) AS last_purchase_at,"
            + " COUNT(CASE WHEN e.type = 'purchase' THEN 1 END) AS purchase_count,"
            + " COUNT(DISTINCT CASE WHEN e.type = 'purchase' THEN " + day + " END) AS purchase_days,"
            + " SUM(CASE WHEN e.type = 'purchase' THEN e.amount END) AS total_spend,"
            + " SUM(CASE WHEN e.type = 'purchase' THEN " + DISCOUNTED + " ELSE 0 END) AS discount_purchases,"
            + " MAX(CASE WHEN e.type = 'visit' THEN e.occurred_at END) AS last_visit_at,"
            + " MAX(CASE WHEN e.type IN ('email_clicked', 'sms_clicked') THEN e.occurred_at END) AS last_click_at,"
            + " MAX(CASE WHEN e.type = 'email_opened' THEN e.occurred_at END) AS last_open_at,"
            + " MIN(CASE WHEN e.type IN " + activity + " THEN e.occurred_at END) AS first_activity_at,"
            + " MAX(CASE WHEN e.type IN " + activity + " THEN e.occurred_at END) AS last_activity_at,"
            + " COUNT(CASE WHEN e.type = 'complaint' THEN 1 END) AS complaint_count,"
            + " COUNT(CASE WHEN e.type = 'email_sent' THEN 1 END) AS emails_sent,"
            + " MIN(CASE WHEN e.type = 'email_sent' THEN e.occurred_at END) AS first_email_at,"
            + " MAX(CASE WHEN e.type IN ('email_clicked', 'email_opened') THEN e.occurred_at END) AS last_engaged_at"
            + " FROM contact_event e LEFT JOIN contact m ON m.id = e.contact_id AND m.merged_into IS NOT NULL"
            // dirty: the events of the given owners (an array parameter), read by index
            + switch (scope) {
              case ALL -> "";
              case DIRTY_ARRAYS -> " WHERE e.contact_id = ANY(?)";
              case DIRTY_TABLE -> " WHERE e.contact_id IN (SELECT contact_id FROM segment_dirty)"
                  + " OR e.contact_id IN (SELECT o.id FROM contact o WHERE o.merged_into IN (SELECT contact_id FROM segment_dirty))";
            }
            + " GROUP BY " + owner;
    return events;
  }

  /**
   * H2 evaluates a grouped subquery on the right of a join once per row on the left, so on H2 the
   * aggregate is written to segment_agg first and joined by its key. PostgreSQL hashes it once.
   */
  private static void stage(Connection c, Rules r, Scope scope) throws SQLException {
    execute(c, "DELETE FROM segment_agg");
    execute(c, "INSERT INTO segment_agg (" + AGG_COLUMNS + ") " + eventsAggregate(r, scope));
  }

  private static final String AGG_COLUMNS =
      "contact_id, first_purchase_at, last_purchase_at, purchase_count, purchase_days, total_spend, discount_purchases,"
          + " last_visit_at, last_click_at, last_open_at, first_activity_at, last_activity_at, complaint_count, emails_sent,"
          + " first_email_at, last_engaged_at";

  /** Whether a purchase used a discount (a code, or a discount amount, as shop orders carry): 1 or 0. */
  private static final String DISCOUNTED = "CASE WHEN e.discount_codes IS NOT NULL OR e.discount_amount > 0 THEN 1 ELSE 0 END";

  private static void markDirty(Connection c, Instant since) throws SQLException {
    execute(c, "DELETE FROM segment_dirty");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO segment_dirty (contact_id)"
                + " SELECT COALESCE(k.merged_into, k.id) FROM contact_event e JOIN contact k ON k.id = e.contact_id WHERE e.recorded_at > ?"
                + " UNION SELECT id FROM contact WHERE updated_at > ?"
                + " UNION SELECT survivor_id FROM contact_merge WHERE merged_at > ? OR undone_at > ?"
                + " UNION SELECT merged_id FROM contact_merge WHERE merged_at > ? OR undone_at > ?")) {
      for (int i = 1; i <= 6; i++) {
        ps.setObject(i, Database.ts(since));
      }
      ps.executeUpdate();
    }
    if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
      execute(c, "ANALYZE segment_dirty"); // so the planner reads the few dirty contacts' events by index
    }
  }

  /**
   * Re-evaluates the rows time may have moved since they were classified (their {@code
   * recheck_at} has come): across a tier cut-off, past their rhythm or their P(alive) threshold,
   * into the email sunset. One UPDATE over an index; nobody else is read.
   */
  private static int moveWithTime(Connection c, Rules r) throws SQLException {
    Expressions x = new Expressions(r);
    String lifecycle = x.lifecycle();
    String sunset = x.sunset();
    String sql =
        "UPDATE contact_fact SET"
            + " rhythm_days = " + x.rhythm() + ","
            + " p_alive = " + x.pAlive() + ","
            + " expected_purchases = " + x.expectedPurchases() + ","
            + " expected_value = " + x.expectedValue() + ","
            + " value_score = " + x.valueScore() + ","
            + " sunset = " + sunset + ","
            + " sunset_reason = CASE WHEN " + sunset + " THEN " + x.sunsetReason() + " END,"
            + " recheck_at = " + x.recheck() + ","
            + " classified_at = CASE WHEN (" + lifecycle + ") <> lifecycle THEN ? ELSE classified_at END,"
            + " lifecycle_reason = " + x.reason() + ","
            + " lifecycle = " + lifecycle
            + " WHERE recheck_at <= " + x.now + " AND contact_id NOT IN (SELECT contact_id FROM segment_dirty)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, Database.ts(r.now()));
      return ps.executeUpdate();
    }
  }

  /** Closes the stays that ended and opens the new ones, for the rows classified now; returns how many opened. */
  private static int membership(Connection c, Instant now) throws SQLException {
    int opened;
    try (PreparedStatement close =
        c.prepareStatement(
            "UPDATE segment_membership SET left_at = ?,"
                + " left_reason = (SELECT 'moved to ' || f.lifecycle || ': ' || f.lifecycle_reason FROM contact_fact f"
                + " WHERE f.contact_id = segment_membership.contact_id)"
                + " WHERE left_at IS NULL AND EXISTS (SELECT 1 FROM contact_fact f WHERE f.contact_id = segment_membership.contact_id"
                + " AND f.classified_at = ? AND f.lifecycle <> segment_membership.lifecycle)")) {
      close.setObject(1, Database.ts(now));
      close.setObject(2, Database.ts(now));
      close.executeUpdate();
    }
    try (PreparedStatement open =
        c.prepareStatement(
            "INSERT INTO segment_membership (contact_id, lifecycle, reason, entered_at)"
                + " SELECT f.contact_id, f.lifecycle, f.lifecycle_reason, ? FROM contact_fact f WHERE f.classified_at = ?"
                + " AND NOT EXISTS (SELECT 1 FROM segment_membership m WHERE m.contact_id = f.contact_id AND m.left_at IS NULL)")) {
      open.setObject(1, Database.ts(now));
      open.setObject(2, Database.ts(now));
      opened = open.executeUpdate();
    }
    try (PreparedStatement merged =
        c.prepareStatement(
            "UPDATE segment_membership SET left_at = ?, left_reason = 'merged into another contact'"
                + " WHERE left_at IS NULL AND contact_id IN (SELECT id FROM contact WHERE merged_into IS NOT NULL)")) {
      merged.setObject(1, Database.ts(now));
      merged.executeUpdate();
    }
    return opened;
  }

  /** The SQL expressions of the rules over one contact_fact row; numbers are inlined, never text from outside. */
  private static final class Expressions {
    private final Rules r;
    private final String now;
    /** Which values an enclosing layer of the query has computed already, as columns. */
    private final boolean epochColumns;
    private final boolean valueColumns;
    private final boolean expectedColumn;

    Expressions(Rules r) {
      this(r, false, false, false);
    }

    private Expressions(Rules r, boolean epochColumns, boolean valueColumns, boolean expectedColumn) {
      this.r = r;
      this.now = num(r.now().getEpochSecond() + r.now().getNano() / 1e9);
      this.epochColumns = epochColumns;
      this.valueColumns = valueColumns;
      this.expectedColumn = expectedColumn;
    }

    Expressions withEpochColumns() {
      return new Expressions(r, true, valueColumns, expectedColumn);
    }

    Expressions withValueColumns() {
      return new Expressions(r, epochColumns, true, expectedColumn);
    }

    Expressions withExpectedColumn() {
      return new Expressions(r, epochColumns, valueColumns, true);
    }

    static final String[] TIMES = {"first_purchase_at", "last_purchase_at", "first_activity_at", "last_activity_at", "first_email_at", "last_engaged_at"};

    private String epoch(String column) {
      // as a double: EXTRACT gives an exact NUMERIC, slow to compute with row after row
      return epochColumns ? column + "_e" : "CAST(EXTRACT(EPOCH FROM " + column + ") AS DOUBLE PRECISION)";
    }

    private static String epoch(Instant i) {
      return num(i.getEpochSecond() + i.getNano() / 1e9);
    }

    /** Days since the last purchase. */
    String gap() {
      return "((" + now + " - " + epoch("last_purchase_at") + ") / 86400.0)";
    }

    /** The usual days between purchase days, from the first to the last. */
    String rhythm() {
      if (valueColumns) {
        return "rhythm_v";
      }
      return "CASE WHEN purchase_days >= 2 THEN (" + epoch("last_purchase_at") + " - " + epoch("first_purchase_at")
          + ") / 86400.0 / (purchase_days - 1) END";
    }

    private String rhythmApplies() {
      return "(purchase_days >= " + r.rhythmMinPurchases() + " AND last_purchase_at > first_purchase_at)";
    }

    String pAlive() {
      PurchaseModel m = r.model();
      if (m == null) {
        return "NULL";
      }
      if (valueColumns) {
        return "p_alive_v";
      }
      String unit = num(m.timeUnitDays() * 86400.0);
      String x = "(purchase_days - 1)";
      String tx = "((" + epoch("last_purchase_at") + " - " + epoch("first_purchase_at") + ") / " + unit + ")";
      String t = "((" + now + " - " + epoch("first_purchase_at") + ") / " + unit + ")";
      return "CASE WHEN last_purchase_at IS NULL THEN NULL WHEN purchase_days < 2 THEN 1.0"
          + " ELSE 1.0 / (1.0 + EXP(LEAST(700.0, LN(" + num(m.a()) + " / (" + num(m.b()) + " + " + x + " - 1))"
          + " + (" + num(m.r()) + " + " + x + ") * (LN(" + num(m.alpha()) + " + " + t + ") - LN(" + num(m.alpha()) + " + " + tx + "))))) END";
    }

    /**
     * Expected purchases over the horizon: P(alive) times what an alive customer with the
     * posterior mean rate λ = (r + x) / (α + T) and drop-out p = a / (a + b + x) buys in that time,
     * (1 - e^(-λ p h)) / p. An approximation of the paper's E[Y(t)] that SQL can evaluate.
     */
    String expectedPurchases() {
      PurchaseModel m = r.model();
      if (m == null) {
        return "NULL";
      }
      if (expectedColumn) {
        return "ep_v";
      }
      String unit = num(m.timeUnitDays() * 86400.0);
      String x = "(purchase_days - 1)";
      String t = "((" + now + " - " + epoch("first_purchase_at") + ") / " + unit + ")";
      String lambda = "((" + num(m.r()) + " + " + x + ") / (" + num(m.alpha()) + " + " + t + "))";
      String p = "(" + num(m.a()) + " / (" + num(m.a()) + " + " + num(m.b()) + " + " + x + "))";
      String h = num(r.horizonDays() / m.timeUnitDays());
      return "CASE WHEN last_purchase_at IS NULL THEN NULL ELSE (" + pAlive() + ") * (1.0 - EXP(-" + lambda + " * " + p + " * " + h + ")) / " + p + " END";
    }

    /** Expected purchases times the expected spend per purchase (Gamma-Gamma, or the historical mean). */
    String expectedValue() {
      PurchaseModel m = r.model();
      if (m == null) {
        return "NULL";
      }
      String mean = "(total_spend / purchase_count)";
      String spend;
      if (m.spendP() != null) {
        String x = "(purchase_days - 1)";
        String p = num(m.spendP());
        String q = num(m.spendQ());
        String g = num(m.spendGamma());
        spend = "CASE WHEN purchase_days < 2 THEN " + p + " * " + g + " / (" + q + " - 1.0) ELSE (" + g + " + " + mean + " * " + x + ") * " + p
            + " / (" + p + " * " + x + " + " + q + " - 1.0) END";
      } else {
        spend = mean;
      }
      return "CASE WHEN last_purchase_at IS NULL OR purchase_count = 0 THEN NULL ELSE CAST((" + expectedPurchases() + ") * (" + spend + ") AS NUMERIC(14, 2)) END";
    }

    /** 0 to 100: spend, expected value, tenure and purchase days against their full-mark levels. */
    String valueScore() {
      String tenure = "CASE WHEN first_activity_at IS NULL THEN 0 ELSE (" + now + " - " + epoch("first_activity_at") + ") / 86400.0 END";
      String sum = "LEAST(1.0, total_spend / " + num(r.valueSpend()) + ")"
          + " + LEAST(1.0, (" + tenure + ") / " + num(r.valueTenureDays()) + ")"
          + " + LEAST(1.0, purchase_days / " + num(r.valuePurchases()) + ")";
      int parts = 3;
      if (r.model() != null) {
        sum += " + LEAST(1.0, COALESCE(" + expectedValue() + ", 0) / " + num(r.valueExpected()) + ")";
        parts = 4;
      }
      return "CAST(ROUND(100.0 * (" + sum + ") / " + parts + ") AS INTEGER)";
    }

    String behaviour() {
      return "CASE WHEN purchase_days = 0 THEN NULL WHEN purchase_days = 1 THEN 'one_off'"
          + " WHEN discount_purchases >= " + num(r.discountShare()) + " * purchase_count THEN 'discount_driven' ELSE 'regular' END";
    }

    String sunset() {
      String before = epoch(r.sunsetBefore());
      return "(emails_sent >= " + r.sunsetAfterMessages() + " AND " + epoch("first_email_at") + " < " + before
          + " AND (last_engaged_at IS NULL OR " + epoch("last_engaged_at") + " < " + before + "))";
    }

    /**
     * When time alone could next change this contact's lifecycle or sunset flag, in epoch
     * seconds: the earliest cut-off still ahead (the end of NEW, each tier, each rhythm multiple,
     * the day P(alive) falls below its threshold, the sunset), two days early because calendar
     * months are measured here in days. Null when nothing lies ahead.
     */
    String recheck() {
      List<String> ahead = new ArrayList<>();
      String fa = epoch("first_activity_at");
      String la = epoch("last_activity_at");
      ahead.add(fa + " + " + num(seconds(r.newSince())));
      for (Instant cutoff : new Instant[] {r.atRiskBefore(), r.lapsedBefore(), r.dormantBefore()}) {
        if (cutoff != null) {
          ahead.add(la + " + " + num(seconds(cutoff)));
        }
      }
      String rhythmSeconds = "(" + rhythm() + ") * 86400.0";
      ahead.add("CASE WHEN " + rhythmApplies() + " THEN " + epoch("last_purchase_at") + " + " + num(r.rhythmAtRisk()) + " * " + rhythmSeconds + " END");
      ahead.add("CASE WHEN " + rhythmApplies() + " THEN " + epoch("last_purchase_at") + " + " + num(r.rhythmLapsed()) + " * " + rhythmSeconds + " END");
      PurchaseModel m = r.model();
      if (m != null) {
        // P(alive) < θ when ((α + T) / (α + t_x))^(r + x) > (1/θ - 1) (b + x - 1) / a
        String x = "(purchase_days - 1)";
        String unit = num(m.timeUnitDays() * 86400.0);
        String tx = "((" + epoch("last_purchase_at") + " - " + epoch("first_purchase_at") + ") / " + unit + ")";
        String bound = "LN(" + num(1 / r.pAliveAtRisk() - 1) + " * (" + num(m.b()) + " + " + x + " - 1) / " + num(m.a()) + ")";
        String tStar = "((" + num(m.alpha()) + " + " + tx + ") * EXP(LEAST(700.0, " + bound + " / (" + num(m.r()) + " + " + x + "))) - " + num(m.alpha()) + ")";
        ahead.add("CASE WHEN purchase_days >= 2 THEN " + epoch("first_purchase_at") + " + " + tStar + " * " + unit + " END");
      }
      String noEngagement = num(seconds(r.sunsetBefore()));
      ahead.add("CASE WHEN emails_sent >= " + r.sunsetAfterMessages() + " THEN " + epoch("first_email_at") + " + " + noEngagement + " END");
      ahead.add("CASE WHEN emails_sent >= " + r.sunsetAfterMessages() + " THEN " + epoch("last_engaged_at") + " + " + noEngagement + " END");
      StringBuilder least = new StringBuilder("LEAST(");
      for (int i = 0; i < ahead.size(); i++) {
        least.append(i == 0 ? "" : ", ").append("CASE WHEN ").append(ahead.get(i)).append(" > ").append(now).append(" THEN ").append(ahead.get(i)).append(" END");
      }
      return "(" + least + ") - 172800.0)";
    }

    /** How long before now a cut-off lies, in seconds. */
    private double seconds(Instant cutoff) {
      return (r.now().getEpochSecond() - cutoff.getEpochSecond()) + (r.now().getNano() - cutoff.getNano()) / 1e9;
    }

    String sunsetReason() {
      return text(r.words().sunset() + " after ") + " || CAST(emails_sent AS VARCHAR) || ' messages'";
    }

    /** The ordered rules: the first that holds decides. */
    private List<String[]> rules() {
      List<String[]> rules = new ArrayList<>();
      Words w = r.words();
      rules.add(new String[] {"last_activity_at IS NULL", "NEVER_ENGAGED", text(w.neverEngaged())});
      rules.add(new String[] {epoch("first_activity_at") + " >= " + epoch(r.newSince()), "NEW", text(w.isNew())});
      rules.add(new String[] {epoch("last_activity_at") + " < " + epoch(r.dormantBefore()), "DORMANT", text(w.dormant())});
      String rhythm = "(" + rhythm() + ")";
      String rhythmWords =
          " || CAST(CAST(ROUND(" + gap() + ") AS INTEGER) AS VARCHAR) || ' days, over %s times their usual '"
              + " || CAST(CAST(ROUND(" + rhythm + ") AS INTEGER) AS VARCHAR) || ' days between purchases ('"
              + " || CAST(purchase_days AS VARCHAR) || ' purchase days)'";
      rules.add(new String[] {rhythmApplies() + " AND " + gap() + " > " + num(r.rhythmLapsed()) + " * " + rhythm, "LAPSED",
          "'no purchase for '" + String.format(Locale.ROOT, rhythmWords, plain(r.rhythmLapsed()))});
      rules.add(new String[] {rhythmApplies() + " AND " + gap() + " > " + num(r.rhythmAtRisk()) + " * " + rhythm, "AT_RISK",
          "'no purchase for '" + String.format(Locale.ROOT, rhythmWords, plain(r.rhythmAtRisk()))});
      rules.add(new String[] {"NOT " + rhythmApplies() + " AND " + epoch("last_activity_at") + " < " + epoch(r.lapsedBefore()), "LAPSED", text(w.lapsed())});
      if (r.atRiskBefore() != null) {
        rules.add(new String[] {"NOT " + rhythmApplies() + " AND " + epoch("last_activity_at") + " < " + epoch(r.atRiskBefore()), "AT_RISK", text(w.atRisk())});
      }
      if (r.model() != null) {
        rules.add(new String[] {"(" + pAlive() + ") < " + num(r.pAliveAtRisk()), "AT_RISK",
            "'the purchase model gives a ' || CAST(CAST(ROUND(100 * (" + pAlive() + ")) AS INTEGER) AS VARCHAR) || ' % chance they still buy (below "
                + plain(100 * r.pAliveAtRisk()) + " %)'"});
      }
      return rules;
    }

    /** The number of the first rule that holds (0: none, so ACTIVE). */
    String ruleNumber() {
      StringBuilder sql = new StringBuilder("CASE");
      List<String[]> rules = rules();
      for (int i = 0; i < rules.size(); i++) {
        sql.append(" WHEN ").append(rules.get(i)[0]).append(" THEN ").append(i + 1);
      }
      return sql.append(" ELSE 0 END").toString();
    }

    String lifecycleByRule() {
      StringBuilder sql = new StringBuilder("CASE rule_no");
      List<String[]> rules = rules();
      for (int i = 0; i < rules.size(); i++) {
        sql.append(" WHEN ").append(i + 1).append(" THEN '").append(rules.get(i)[1]).append("'");
      }
      return sql.append(" ELSE 'ACTIVE' END").toString();
    }

    String reasonByRule() {
      StringBuilder sql = new StringBuilder("CASE rule_no");
      List<String[]> rules = rules();
      for (int i = 0; i < rules.size(); i++) {
        sql.append(" WHEN ").append(i + 1).append(" THEN ").append(rules.get(i)[2]);
      }
      return sql.append(" ELSE ").append(text(r.words().active())).append(" END").toString();
    }

    String lifecycle() {
      StringBuilder sql = new StringBuilder("CASE");
      for (String[] rule : rules()) {
        sql.append(" WHEN ").append(rule[0]).append(" THEN '").append(rule[1]).append("'");
      }
      return sql.append(" ELSE 'ACTIVE' END").toString();
    }

    String reason() {
      StringBuilder sql = new StringBuilder("CASE");
      for (String[] rule : rules()) {
        sql.append(" WHEN ").append(rule[0]).append(" THEN ").append(rule[2]);
      }
      return sql.append(" ELSE ").append(text(r.words().active())).append(" END").toString();
    }

    static String text(String s) {
      return "'" + s.replace("'", "''") + "'";
    }

    static String num(double v) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("not a finite number: " + v);
      }
      return String.format(Locale.ROOT, "%.10f", v);
    }

    static String plain(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
  }

  private static String inList(List<String> values) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).matches("[a-z_]+")) {
        throw new IllegalArgumentException("not an event type: " + values.get(i));
      }
      s.append(i == 0 ? "" : ", ").append("'").append(values.get(i)).append("'");
    }
    return s.append(")").toString();
  }

  private static int execute(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i] instanceof Instant t ? Database.ts(t) : params[i]);
      }
      return ps.executeUpdate();
    }
  }

  private record LastRun(Instant startedAt, String fingerprint) {}

  private static LastRun lastRun(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT started_at, rules FROM segment_run WHERE finished_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1")) {
      return rs.next() ? new LastRun(Database.instant(rs.getObject(1)), rs.getString(2)) : null;
    }
  }

  private static long startRun(Connection c, String kind, Instant now, String fingerprint) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO segment_run (kind, started_at, rules) VALUES (?, ?, ?)", new String[] {"id"})) {
      ps.setString(1, kind);
      ps.setObject(2, Database.ts(now));
      ps.setString(3, fingerprint);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void finishRun(Connection c, long id, int contacts, int changed, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE segment_run SET finished_at = ?, contacts = ?, changed = ? WHERE id = ?")) {
      ps.setObject(1, Database.ts(Instant.now().isAfter(now) ? Instant.now() : now));
      ps.setInt(2, contacts);
      ps.setInt(3, changed);
      ps.setLong(4, id);
      ps.executeUpdate();
    }
  }

  /** Per lifecycle: contacts, mean value score, worth winning back (score of 50 or more), we-fixed-it, sunset. */
  public record TierInsight(String lifecycle, long contacts, double meanScore, long worthWinning, long weFixedIt, long sunset) {}

  public List<TierInsight> insights() {
    return db.inTransaction(
        "summarize tiers",
        c -> {
          List<TierInsight> out = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT lifecycle, COUNT(*), AVG(COALESCE(value_score, 0)), COUNT(CASE WHEN value_score >= 50 THEN 1 END),"
                          + " COUNT(CASE WHEN treatment = 'we_fixed_it' THEN 1 END), COUNT(CASE WHEN sunset THEN 1 END)"
                          + " FROM contact_fact GROUP BY lifecycle ORDER BY lifecycle")) {
            while (rs.next()) {
              out.add(new TierInsight(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
            }
          }
          return out;
        });
  }

  /** A contact in {@code lifecycle}, the most valuable first, for examples. */
  public Optional<Long> example(String lifecycle) {
    return db.inTransaction(
        "pick an example",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT contact_id FROM contact_fact WHERE lifecycle = ? ORDER BY value_score DESC, contact_id LIMIT 1")) {
            ps.setString(1, lifecycle);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
          }
        });
  }

  public Map<String, Long> countByLifecycle() {
    return db.inTransaction(
        "count contacts by lifecycle",
        c -> Counts.grouped(c, "SELECT lifecycle, COUNT(*) FROM contact_fact GROUP BY lifecycle ORDER BY lifecycle"));
  }

  /** Streams every buyer's purchase history, for fitting the purchase model. */
  public void purchaseHistories(Consumer<PurchaseHistory> out) {
    db.inTransaction(
        "read purchase histories",
        c -> {
          c.setAutoCommit(false);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT contact_id, purchase_days, first_purchase_at, last_purchase_at, total_spend, purchase_count"
                      + " FROM contact_fact WHERE purchase_days > 0")) {
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.accept(new PurchaseHistory(rs.getLong(1), rs.getInt(2), Database.instant(rs.getObject(3)),
                    Database.instant(rs.getObject(4)), rs.getBigDecimal(5), rs.getInt(6)));
              }
            }
          }
          return null;
        });
  }

  public void saveModel(PurchaseModel m) {
    db.inTransaction(
        "save purchase model",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO purchase_model (fitted_at, customers, time_unit_days, r, alpha, a, b, loglik, spend_p, spend_q, spend_gamma)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, Database.ts(m.fittedAt()));
            ps.setInt(2, m.customers());
            ps.setInt(3, m.timeUnitDays());
            ps.setDouble(4, m.r());
            ps.setDouble(5, m.alpha());
            ps.setDouble(6, m.a());
            ps.setDouble(7, m.b());
            ps.setDouble(8, m.logLikelihood());
            ps.setObject(9, m.spendP());
            ps.setObject(10, m.spendQ());
            ps.setObject(11, m.spendGamma());
            return ps.executeUpdate();
          }
        });
  }

  public Optional<PurchaseModel> latestModel() {
    return db.inTransaction(
        "read purchase model",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT fitted_at, customers, time_unit_days, r, alpha, a, b, loglik, spend_p, spend_q, spend_gamma"
                          + " FROM purchase_model ORDER BY id DESC LIMIT 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(new PurchaseModel(Database.instant(rs.getObject(1)), rs.getInt(2), rs.getInt(3), rs.getDouble(4),
                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), (Double) number(rs.getObject(9)),
                (Double) number(rs.getObject(10)), (Double) number(rs.getObject(11))));
          }
        });
  }

  private static Object number(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  public List<Membership> memberships(long contactId) {
    return db.inTransaction(
        "read segment history",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT lifecycle, reason, entered_at, left_at, left_reason FROM segment_membership WHERE contact_id = ? ORDER BY entered_at, id")) {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              List<Membership> out = new ArrayList<>();
              while (rs.next()) {
                out.add(new Membership(rs.getString(1), rs.getString(2), Database.instant(rs.getObject(3)), Database.instant(rs.getObject(4)), rs.getString(5)));
              }
              return out;
            }
          }
        });
  }

  public Optional<Facts> find(long contactId) {
    return db.inTransaction(
        "read contact facts",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT contact_id, first_purchase_at, last_purchase_at, purchase_count, purchase_days, total_spend,"
                      + " discount_purchases, last_visit_at, last_click_at, last_open_at, first_activity_at, last_activity_at,"
                      + " complaint_count, emails_sent, first_email_at, last_engaged_at, rhythm_days, p_alive, expected_purchases,"
                      + " expected_value, value_score, behaviour, treatment, sunset, sunset_reason, lifecycle, lifecycle_reason,"
                      + " classified_at, computed_at FROM contact_fact WHERE contact_id = ?")) {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Facts(
                      rs.getLong(1),
                      Database.instant(rs.getObject(2)),
                      Database.instant(rs.getObject(3)),
                      rs.getInt(4),
                      rs.getInt(5),
                      rs.getBigDecimal(6),
                      rs.getInt(7),
                      Database.instant(rs.getObject(8)),
                      Database.instant(rs.getObject(9)),
                      Database.instant(rs.getObject(10)),
                      Database.instant(rs.getObject(11)),
                      Database.instant(rs.getObject(12)),
                      rs.getInt(13),
                      rs.getInt(14),
                      Database.instant(rs.getObject(15)),
                      Database.instant(rs.getObject(16)),
                      rs.getBigDecimal(17),
                      (Double) number(rs.getObject(18)),
                      (Double) number(rs.getObject(19)),
                      rs.getBigDecimal(20),
                      (Integer) (rs.getObject(21) == null ? null : rs.getInt(21)),
                      rs.getString(22),
                      rs.getString(23),
                      rs.getBoolean(24),
                      rs.getString(25),
                      rs.getString(26),
                      rs.getString(27),
                      Database.instant(rs.getObject(28)),
                      Database.instant(rs.getObject(29))));
            }
          }
        });
  }
}
