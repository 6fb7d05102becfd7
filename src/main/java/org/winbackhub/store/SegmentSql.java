package org.winbackhub.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.store.FactRepository.PurchaseModel;
import org.winbackhub.store.FactRepository.Rules;
import org.winbackhub.store.FactRepository.Spans;
import org.winbackhub.store.FactRepository.Words;

/**
 * The classification rules as SQL over the facts of a contact: the events aggregate per contact,
 * and every rule (tiers, rhythm, P(alive), value, behaviour, treatment, sunset, the next recheck
 * moment, the reason in words) in one layered SELECT. Numbers are inlined from the rules; no text
 * from outside reaches the SQL but the event types, which are checked.
 */
final class SegmentSql {
  private SegmentSql() {}

  /**
   * The version of the rules as SQL: part of a run's fingerprint, so that a release that changes
   * how the rules are computed reclassifies everyone in its first run.
   */
  static final String VERSION = "2";

  static final String FACT_COLUMNS =
      "contact_id, first_purchase_at, last_purchase_at, purchase_count, purchase_days, total_spend, discount_purchases,"
          + " last_visit_at, last_click_at, last_open_at, first_activity_at, last_activity_at, complaint_count,"
          + " emails_sent, first_email_at, last_engaged_at, last_complaint_at";

  static final String DERIVED_COLUMNS =
      "rhythm_days, p_alive, expected_purchases, expected_value, value_score, behaviour, treatment, sunset, sunset_reason,"
          + " recheck_at, lifecycle, lifecycle_reason, computed_at";

  /**
   * Which contacts a classification covers. ALL: every live contact in an id range but the
   * survivors of merges, each by its own events (grouped by the events' contact id, which
   * PostgreSQL reads in index order without sorting ten million rows); survivors are classified as
   * dirty, with the events of the contacts merged into them. The dirty contacts, by owner: given as
   * arrays of ids (PostgreSQL), or in segment_dirty with their events staged in segment_agg (H2).
   * STAGED: the facts in segment_agg as they are (the rows whose recheck moment has come).
   */
  enum Scope {
    ALL,
    DIRTY_ARRAYS,
    DIRTY_TABLE,
    STAGED
  }

  /** Contact ids from {@code from} to {@code to}, both included. */
  record IdRange(long from, long to) {
    /** " AND column BETWEEN from AND to", or nothing for all contacts (null). */
    static String within(IdRange range, String column) {
      return range == null ? "" : " AND " + column + " BETWEEN " + range.from() + " AND " + range.to();
    }
  }

  /**
   * INSERT INTO contact_fact: the scope's contacts with their facts and every rule evaluated. A
   * lifecycle unchanged from the stay kept in segment_prev keeps its moment of entry. Parameters:
   * the moment a changed lifecycle is entered, the moment of the run, then for DIRTY_ARRAYS the
   * owners' and the dirty contacts' ids. On H2 the events of ALL are read from segment_agg, staged
   * by {@link #stageEvents}.
   */
  static String insertClassified(Rules rules, Scope scope, IdRange range, boolean postgres) {
    return "INSERT INTO contact_fact (" + FACT_COLUMNS + ", " + DERIVED_COLUMNS + ", lifecycle_since) SELECT n.*,"
        + " CASE WHEN p.lifecycle = n.lifecycle THEN p.lifecycle_since ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) END"
        + " FROM (" + classified(rules, factsSelect(rules, scope, range, postgres), postgres) + ") n"
        + " LEFT JOIN segment_prev p ON p.contact_id = n.contact_id";
  }

  /** The events aggregate of ALL or DIRTY_TABLE into segment_agg (H2, which would evaluate it per contact otherwise). */
  static String stageEvents(Rules r, Scope scope, IdRange range) {
    return "INSERT INTO segment_agg (" + FACT_COLUMNS + ") " + eventsAggregate(r, scope, range, false);
  }

  /** The stored facts of the rows whose recheck moment has come (and that are not dirty), into segment_agg. */
  static String stageDue(Rules r, boolean postgres) {
    return "INSERT INTO segment_agg (" + FACT_COLUMNS + ") SELECT " + FACT_COLUMNS + " FROM contact_fact"
        + " WHERE recheck_at <= " + new Expressions(r, postgres).now() + " AND contact_id NOT IN (SELECT contact_id FROM segment_dirty)";
  }

  /** A time as epoch seconds in double precision: date_part on PostgreSQL (EXTRACT builds a NUMERIC, slow row after row), EXTRACT on H2. */
  static String epochOf(String time, boolean postgres) {
    return postgres ? "date_part('epoch', " + time + ")" : "CAST(EXTRACT(EPOCH FROM " + time + ") AS DOUBLE PRECISION)";
  }

  /**
   * The facts with every rule evaluated on them, in one SELECT (one parameter: the moment of the
   * run). Layers compute each shared value once (epoch seconds, rhythm, P(alive), expected
   * purchases, the number of the deciding rule); OFFSET 0 keeps PostgreSQL from folding a layer into
   * the next and evaluating its expressions again.
   */
  private static String classified(Rules r, String facts, boolean postgres) {
    Expressions raw = new Expressions(r, postgres);
    StringBuilder epochs = new StringBuilder();
    for (String t : Expressions.TIMES) {
      epochs.append(", ").append(epochOf(t, postgres)).append(" AS ").append(t).append("_e");
    }
    String b = "SELECT agg.*" + epochs + " FROM (" + facts + ") agg OFFSET 0";
    Expressions e = raw.withEpochColumns();
    String c = "SELECT b.*, " + e.rhythm() + " AS rhythm_v, " + (r.model() == null ? "CAST(NULL AS DOUBLE PRECISION)" : e.pAlive()) + " AS p_alive_v FROM (" + b + ") b OFFSET 0";
    Expressions v = e.withValueColumns();
    String d = "SELECT c.*, " + (r.model() == null ? "CAST(NULL AS DOUBLE PRECISION)" : v.expectedPurchases()) + " AS ep_v, " + v.sunset() + " AS sunset_v, "
        + v.ruleNumber() + " AS rule_no FROM (" + c + ") c OFFSET 0";
    Expressions x = v.withExpectedColumn();
    return "SELECT " + FACT_COLUMNS + ", rhythm_v AS rhythm_days, p_alive_v AS p_alive, ep_v AS expected_purchases, "
        + x.expectedValue() + " AS expected_value, " + x.valueScore() + " AS value_score, " + x.behaviour() + " AS behaviour,"
        + " " + x.treatment() + " AS treatment, sunset_v AS sunset,"
        + " CASE WHEN sunset_v THEN " + x.sunsetReason() + " END AS sunset_reason, " + x.recheck() + " AS recheck_at, "
        + x.lifecycleByRule() + " AS lifecycle, " + x.reasonByRule() + " AS lifecycle_reason, CAST(? AS TIMESTAMP WITH TIME ZONE) AS computed_at"
        + " FROM (" + d + ") d";
  }

  /** The per-contact facts of the scope: aggregated from events (inline, or staged in segment_agg on H2), or as staged. */
  private static String factsSelect(Rules r, Scope scope, IdRange range, boolean postgres) {
    if (scope == Scope.STAGED) {
      return "SELECT " + FACT_COLUMNS + " FROM segment_agg";
    }
    String source = postgres ? "(" + eventsAggregate(r, scope, range, true) + ")" : "segment_agg";
    return "SELECT k.id AS contact_id, a.first_purchase_at, a.last_purchase_at, COALESCE(a.purchase_count, 0) AS purchase_count,"
        + " COALESCE(a.purchase_days, 0) AS purchase_days, COALESCE(a.total_spend, 0) AS total_spend,"
        + " COALESCE(a.discount_purchases, 0) AS discount_purchases, a.last_visit_at, a.last_click_at, a.last_open_at,"
        + " a.first_activity_at, a.last_activity_at, COALESCE(a.complaint_count, 0) AS complaint_count,"
        + " COALESCE(a.emails_sent, 0) AS emails_sent, a.first_email_at, a.last_engaged_at, a.last_complaint_at"
        + " FROM contact k LEFT JOIN " + source + " a ON a.contact_id = k.id"
        + " WHERE k.merged_into IS NULL AND k.archived_at IS NULL" // archived: deleted in every source that knew them
        + switch (scope) {
          case ALL -> IdRange.within(range, "k.id") + " AND k.id NOT IN (SELECT contact_id FROM segment_dirty)"; // the survivors, held by the run
          case DIRTY_ARRAYS -> " AND k.id = ANY(?)";
          default -> " AND k.id IN (SELECT contact_id FROM segment_dirty)";
        };
  }

  /**
   * Events aggregated per contact in one GROUP BY: for ALL by the events' own contact; for the
   * dirty ones by owner (a merged contact's events count for its survivor; the join to merged
   * contacts is a small hash). Purchase days are distinct days in the business's zone, so purchases
   * on one day count once.
   */
  private static String eventsAggregate(Rules r, Scope scope, IdRange range, boolean postgres) {
    String activity = r.activityTypes().isEmpty() ? "(NULL)" : inList(r.activityTypes());
    String day = "FLOOR((" + epochOf("e.occurred_at", postgres) + " + " + r.zoneOffsetSeconds() + ") / 86400)";
    String owner = scope == Scope.ALL ? "e.contact_id" : "COALESCE(m.merged_into, e.contact_id)";
    return "SELECT " + owner + " AS contact_id,"
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
        + " MAX(CASE WHEN e.type IN ('email_clicked', 'email_opened') THEN e.occurred_at END) AS last_engaged_at,"
        + " MAX(CASE WHEN e.type = 'complaint' THEN e.occurred_at END) AS last_complaint_at"
        + " FROM contact_event e"
        + switch (scope) {
          case ALL -> " WHERE " + COUNTS + IdRange.within(range, "e.contact_id");
          // the events of the given owners (an array parameter), read by index
          case DIRTY_ARRAYS -> " LEFT JOIN contact m ON m.id = e.contact_id AND m.merged_into IS NOT NULL WHERE e.contact_id = ANY(?) AND " + COUNTS;
          default -> " LEFT JOIN contact m ON m.id = e.contact_id AND m.merged_into IS NOT NULL"
              + " WHERE " + COUNTS + " AND (e.contact_id IN (SELECT contact_id FROM segment_dirty)"
              + " OR e.contact_id IN (SELECT o.id FROM contact o WHERE o.merged_into IN (SELECT contact_id FROM segment_dirty)))";
        }
        + (r.eventsBefore() == null ? "" : " AND " + epochOf("e.occurred_at", postgres) + " < " + Expressions.epoch(r.eventsBefore()))
        + " GROUP BY " + owner;
  }

  /** Whether an event counts: one its source deleted (a cancelled order, a deleted invoice) does not. */
  static final String COUNTS = "e.deleted_at IS NULL";

  /** Whether a purchase used a discount (a code, or a discount amount, as shop orders carry): 1 or 0. */
  private static final String DISCOUNTED = "CASE WHEN e.discount_codes IS NOT NULL OR e.discount_amount > 0 THEN 1 ELSE 0 END";

  /** The SQL expressions of the rules over one contact_fact row; numbers are inlined, never text from outside. */
  static final class Expressions {
    private final Rules r;
    private final boolean postgres;
    private final String now;
    /** Which values an enclosing layer of the query has computed already, as columns. */
    private final boolean epochColumns;
    private final boolean valueColumns;
    private final boolean expectedColumn;

    Expressions(Rules r, boolean postgres) {
      this(r, postgres, false, false, false);
    }

    private Expressions(Rules r, boolean postgres, boolean epochColumns, boolean valueColumns, boolean expectedColumn) {
      this.r = r;
      this.postgres = postgres;
      this.now = num(r.now().getEpochSecond() + r.now().getNano() / 1e9);
      this.epochColumns = epochColumns;
      this.valueColumns = valueColumns;
      this.expectedColumn = expectedColumn;
    }

    Expressions withEpochColumns() {
      return new Expressions(r, postgres, true, valueColumns, expectedColumn);
    }

    Expressions withValueColumns() {
      return new Expressions(r, postgres, epochColumns, true, expectedColumn);
    }

    Expressions withExpectedColumn() {
      return new Expressions(r, postgres, epochColumns, valueColumns, true);
    }

    /** The moment of the run, in epoch seconds. */
    String now() {
      return now;
    }

    static final String[] TIMES = {"first_purchase_at", "last_purchase_at", "first_activity_at", "last_activity_at", "first_email_at", "last_engaged_at",
        "last_complaint_at"};

    private String epoch(String column) {
      return epochColumns ? column + "_e" : epochOf(column, postgres);
    }

    private static String epoch(Instant i) {
      return num(i.getEpochSecond() + i.getNano() / 1e9);
    }

    /** The model's x: repeat purchase days. */
    private static final String REPEATS = "(purchase_days - 1)";

    /** Seconds between two epoch expressions, in the model's time unit. */
    private static String inUnits(String from, String to, PurchaseModel m) {
      return "((" + to + " - " + from + ") / " + num(m.timeUnitDays() * 86400.0) + ")";
    }

    /** The model's t_x: from the first purchase to the last, in its time unit. */
    private String recency(PurchaseModel m) {
      return inUnits(epoch("first_purchase_at"), epoch("last_purchase_at"), m);
    }

    /** The model's T: from the first purchase to now, in its time unit. */
    private String age(PurchaseModel m) {
      return inUnits(epoch("first_purchase_at"), now, m);
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
      if (!r.rhythmOn()) {
        return "(1 = 0)";
      }
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
      String x = REPEATS;
      String tx = recency(m);
      String t = age(m);
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
      String x = REPEATS;
      String t = age(m);
      String lambda = "((" + num(m.r()) + " + " + x + ") / (" + num(m.alpha()) + " + " + t + "))";
      String p = "(" + num(m.a()) + " / (" + num(m.a()) + " + " + num(m.b()) + " + " + x + "))";
      String h = num(r.horizonDays() / m.timeUnitDays());
      return "CASE WHEN last_purchase_at IS NULL THEN NULL ELSE (" + pAlive() + ") * (1.0 - EXP(-" + lambda + " * " + p + " * " + h + ")) / " + p + " END";
    }

    /** Expected purchases times the expected spend per purchase (Gamma-Gamma, or the historical mean). */
    String expectedValue() {
      PurchaseModel m = r.model();
      if (m == null) {
        return "CAST(NULL AS NUMERIC(14, 2))";
      }
      String mean = "(total_spend / purchase_count)";
      String spend;
      if (m.spendP() != null) {
        String x = REPEATS;
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

    /** we_fixed_it while the last complaint is within the lookback, standard otherwise. */
    String treatment() {
      return "CASE WHEN " + epoch("last_complaint_at") + " >= " + epoch(r.complaintsSince()) + " THEN 'we_fixed_it' ELSE 'standard' END";
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
     * When time alone could next change this contact's lifecycle, sunset flag or treatment, in
     * epoch seconds; null when nothing lies ahead. The candidates are the cut-offs not yet crossed:
     * the end of NEW, each tier, the sunset and the end of the complaint's lookback at the time plus
     * the span in the business's calendar
     * (months of their own length, days across a change of summer time), each rhythm multiple and
     * the day P(alive) falls below its threshold in exact seconds. A calendar moment is never
     * later than the crossing (adding a month to a date can only clip it back), and an hour of
     * margin covers how each store applies summer time; a row is rechecked no sooner than an hour
     * ahead, so one that a clipped month brought back early waits an hour rather than a cycle.
     */
    String recheck() {
      Spans s = r.spans();
      List<String> ahead = new ArrayList<>();
      ahead.add("CASE WHEN " + epoch("first_activity_at") + " >= " + epoch(r.newSince()) + " THEN " + after("first_activity_at", s.newWithin()) + " END");
      Instant[] cutoffs = {r.atRiskBefore(), r.lapsedBefore(), r.dormantBefore()};
      TimeSpan[] spans = {s.atRisk(), s.lapsed(), s.dormant()};
      for (int i = 0; i < cutoffs.length; i++) {
        if (cutoffs[i] != null) {
          ahead.add("CASE WHEN " + epoch("last_activity_at") + " >= " + epoch(cutoffs[i]) + " THEN " + after("last_activity_at", spans[i]) + " END");
        }
      }
      String rhythmSeconds = "(" + rhythm() + ") * 86400.0";
      for (double factor : new double[] {r.rhythmAtRisk(), r.rhythmLapsed()}) {
        String at = epoch("last_purchase_at") + " + " + num(factor) + " * " + rhythmSeconds;
        ahead.add("CASE WHEN " + rhythmApplies() + " AND " + at + " > " + now + " THEN " + at + " END");
      }
      PurchaseModel m = r.model();
      if (m != null) {
        // P(alive) < θ when ((α + T) / (α + t_x))^(r + x) > (1/θ - 1) (b + x - 1) / a
        String x = REPEATS;
        String unit = num(m.timeUnitDays() * 86400.0);
        String tx = recency(m);
        String bound = "LN(" + num(1 / r.pAliveAtRisk() - 1) + " * (" + num(m.b()) + " + " + x + " - 1) / " + num(m.a()) + ")";
        String tStar = "((" + num(m.alpha()) + " + " + tx + ") * EXP(LEAST(700.0, " + bound + " / (" + num(m.r()) + " + " + x + "))) - " + num(m.alpha()) + ")";
        String at = epoch("first_purchase_at") + " + " + tStar + " * " + unit;
        ahead.add("CASE WHEN purchase_days >= 2 AND " + at + " > " + now + " THEN " + at + " END");
      }
      String sunsetBefore = epoch(r.sunsetBefore());
      for (String column : new String[] {"first_email_at", "last_engaged_at"}) {
        ahead.add("CASE WHEN emails_sent >= " + r.sunsetAfterMessages() + " AND " + epoch(column) + " >= " + sunsetBefore
            + " THEN " + after(column, s.sunset()) + " END");
      }
      ahead.add("CASE WHEN " + epoch("last_complaint_at") + " >= " + epoch(r.complaintsSince()) + " THEN " + after("last_complaint_at", s.complaints()) + " END");
      String next = "LEAST(" + String.join(", ", ahead) + ")";
      return "CASE WHEN " + next + " IS NULL THEN NULL ELSE GREATEST(" + next + " - 3600.0, " + now + " + 3600.0) END";
    }

    /**
     * The moment {@code span} after a time column, in epoch seconds: calendar spans in the
     * business's zone, clock spans in seconds.
     */
    private String after(String column, TimeSpan span) {
      if (span.duration() != null) {
        return "(" + epoch(column) + " + " + num(span.duration().toMillis() / 1000.0) + ")";
      }
      String zone = r.spans().zone();
      if (!zone.matches("[A-Za-z0-9/_+-]+")) {
        throw new IllegalArgumentException("not a time zone id: " + zone);
      }
      // PostgreSQL: the local time in the zone, to which the intervals add in its calendar, then
      // back to an instant. H2 keeps the offset the time had (so summer time may shift it by the
      // hour of margin), and needs the cast to know the type inside a derived table.
      String local = postgres ? "(" + column + " AT TIME ZONE '" + zone + "')"
          : "CAST(" + column + " AT TIME ZONE '" + zone + "' AS TIMESTAMP WITH TIME ZONE)";
      // the rule takes months off "now" and then days, so its crossing is the time plus the days
      // and then the months
      if (span.period().getDays() > 0) {
        local = "(" + local + " + INTERVAL '" + span.period().getDays() + "' DAY)";
      }
      long months = span.period().toTotalMonths();
      if (months > 0) {
        local = "(" + local + " + INTERVAL '" + months + "' MONTH)";
      }
      return epochOf(local + " AT TIME ZONE '" + zone + "'", postgres);
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
          " || CAST(CAST(FLOOR(" + gap() + ") AS INTEGER) AS VARCHAR) || ' days, over %s times their usual '"
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

    static String text(String s) {
      return "'" + s.replace("'", "''") + "'";
    }

    /**
     * A number, typed as a double: a bare literal with a decimal point is a NUMERIC, and the
     * logarithms and exponentials of the model would be computed in arbitrary precision, row after
     * row, at many times the cost.
     */
    static String num(double v) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("not a finite number: " + v);
      }
      return "CAST(" + java.math.BigDecimal.valueOf(v).toPlainString() + " AS DOUBLE PRECISION)";
    }

    static String plain(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
  }

  static String inList(List<String> values) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).matches("[a-z_]+")) {
        throw new IllegalArgumentException("not an event type: " + values.get(i));
      }
      s.append(i == 0 ? "" : ", ").append("'").append(values.get(i)).append("'");
    }
    return s.append(")").toString();
  }
}
