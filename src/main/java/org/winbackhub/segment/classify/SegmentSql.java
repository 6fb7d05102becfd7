package org.winbackhub.segment.classify;

import java.util.List;

/**
 * The classification rules as SQL over the facts of a contact: the events aggregate per contact,
 * and every rule (tiers, rhythm, P(alive), value, behaviour, treatment, sunset, the next recheck
 * moment, the reason in words) in one layered SELECT: {@link Expressions}, and the rule groups it
 * hands to ({@link LifecycleTable}, {@link ValueRules}, {@link Prediction}, {@link Recheck}).
 * Numbers are inlined from the rules; no text from outside reaches the SQL but the event types,
 * which are checked.
 */
final class SegmentSql {
  private SegmentSql() {}

  /**
   * The version of the rules as SQL: part of a run's fingerprint, so that a release that changes
   * how the rules are computed reclassifies everyone in its first run.
   */
  static final String VERSION = "2";

  static final String FACT_COLUMNS =
      "contact_id, first_purchase_at, last_purchase_at, purchase_count, purchase_days, total_spend,"
          + " discount_purchases, last_visit_at, last_click_at, last_open_at, first_activity_at,"
          + " last_activity_at, complaint_count, emails_sent, first_email_at, last_engaged_at,"
          + " last_complaint_at";

  static final String DERIVED_COLUMNS =
      "rhythm_days, p_alive, expected_purchases, expected_value, value_score, behaviour, treatment,"
          + " sunset, sunset_reason, recheck_at, lifecycle, lifecycle_reason, computed_at";

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
      return range == null
          ? ""
          : " AND " + column + " BETWEEN " + range.from() + " AND " + range.to();
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
    return "INSERT INTO contact_fact ("
        + FACT_COLUMNS
        + ", "
        + DERIVED_COLUMNS
        + ", lifecycle_since) SELECT n.*, CASE WHEN p.lifecycle = n.lifecycle THEN"
        + " p.lifecycle_since ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) END FROM ("
        + classified(rules, factsSelect(rules, scope, range, postgres), postgres)
        + ") n"
        + " LEFT JOIN segment_prev p ON p.contact_id = n.contact_id";
  }

  /**
   * The events aggregate of ALL or DIRTY_TABLE into segment_agg (H2, which would evaluate it per
   * contact otherwise).
   */
  static String stageEvents(Rules r, Scope scope, IdRange range) {
    return "INSERT INTO segment_agg ("
        + FACT_COLUMNS
        + ") "
        + eventsAggregate(r, scope, range, false);
  }

  /**
   * The stored facts of the rows whose recheck moment has come (and that are not dirty), into
   * segment_agg.
   */
  static String stageDue(Rules r, boolean postgres) {
    return "INSERT INTO segment_agg ("
        + FACT_COLUMNS
        + ") SELECT "
        + FACT_COLUMNS
        + " FROM contact_fact"
        + " WHERE recheck_at <= "
        + new Expressions(r, postgres).now()
        + " AND contact_id NOT IN (SELECT contact_id FROM segment_dirty)";
  }

  /**
   * A time as epoch seconds in double precision: date_part on PostgreSQL (EXTRACT builds a NUMERIC,
   * slow row after row), EXTRACT on H2.
   */
  static String epochOf(String time, boolean postgres) {
    return postgres
        ? "date_part('epoch', " + time + ")"
        : "CAST(EXTRACT(EPOCH FROM " + time + ") AS DOUBLE PRECISION)";
  }

  /**
   * The facts with every rule evaluated on them, in one SELECT (one parameter: the moment of the
   * run). Layers compute each shared value once (epoch seconds, rhythm, P(alive), expected
   * purchases, the number of the deciding rule); OFFSET 0 keeps PostgreSQL from folding a layer
   * into the next and evaluating its expressions again.
   */
  private static String classified(Rules r, String facts, boolean postgres) {
    Expressions raw = new Expressions(r, postgres);
    StringBuilder epochs = new StringBuilder();
    for (String t : Expressions.TIMES) {
      epochs.append(", ").append(epochOf(t, postgres)).append(" AS ").append(t).append("_e");
    }
    String b = "SELECT agg.*" + epochs + " FROM (" + facts + ") agg OFFSET 0";
    Expressions e = raw.withEpochColumns();
    String c =
        "SELECT b.*, "
            + e.rhythm()
            + " AS rhythm_v, "
            + (r.model() == null ? "CAST(NULL AS DOUBLE PRECISION)" : e.pAlive())
            + " AS p_alive_v FROM ("
            + b
            + ") b OFFSET 0";
    Expressions v = e.withValueColumns();
    String d =
        "SELECT c.*, "
            + (r.model() == null ? "CAST(NULL AS DOUBLE PRECISION)" : v.expectedPurchases())
            + " AS ep_v, "
            + v.sunset()
            + " AS sunset_v, "
            + v.ruleNumber()
            + " AS rule_no FROM ("
            + c
            + ") c OFFSET 0";
    Expressions x = v.withExpectedColumn();
    return "SELECT "
        + FACT_COLUMNS
        + ", rhythm_v AS rhythm_days, p_alive_v AS p_alive, ep_v AS expected_purchases, "
        + x.expectedValue()
        + " AS expected_value, "
        + x.valueScore()
        + " AS value_score, "
        + x.behaviour()
        + " AS behaviour,"
        + " "
        + x.treatment()
        + " AS treatment, sunset_v AS sunset,"
        + " CASE WHEN sunset_v THEN "
        + x.sunsetReason()
        + " END AS sunset_reason, "
        + x.recheck()
        + " AS recheck_at, "
        + x.lifecycleByRule()
        + " AS lifecycle, "
        + x.reasonByRule()
        + " AS lifecycle_reason, CAST(? AS TIMESTAMP WITH TIME ZONE) AS computed_at"
        + " FROM ("
        + d
        + ") d";
  }

  /**
   * The per-contact facts of the scope: aggregated from events (inline, or staged in segment_agg on
   * H2), or as staged.
   */
  private static String factsSelect(Rules r, Scope scope, IdRange range, boolean postgres) {
    if (scope == Scope.STAGED) {
      return "SELECT " + FACT_COLUMNS + " FROM segment_agg";
    }
    String source = postgres ? "(" + eventsAggregate(r, scope, range, true) + ")" : "segment_agg";
    return "SELECT k.id AS contact_id, a.first_purchase_at, a.last_purchase_at,"
        + " COALESCE(a.purchase_count, 0) AS purchase_count, COALESCE(a.purchase_days, 0) AS"
        + " purchase_days, COALESCE(a.total_spend, 0) AS total_spend,"
        + " COALESCE(a.discount_purchases, 0) AS discount_purchases, a.last_visit_at,"
        + " a.last_click_at, a.last_open_at, a.first_activity_at, a.last_activity_at,"
        + " COALESCE(a.complaint_count, 0) AS complaint_count, COALESCE(a.emails_sent, 0) AS"
        + " emails_sent, a.first_email_at, a.last_engaged_at, a.last_complaint_at FROM"
        + " contact k LEFT JOIN "
        + source
        + " a ON a.contact_id = k.id"
        + " WHERE k.merged_into IS NULL AND k.archived_at IS NULL" // archived: deleted in every
        // source that knew them
        + switch (scope) {
          case ALL ->
              IdRange.within(range, "k.id")
                  + " AND k.id NOT IN (SELECT contact_id FROM segment_dirty)"; // the survivors,
          // held by the run
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
    String day =
        "FLOOR(("
            + epochOf("e.occurred_at", postgres)
            + " + "
            + r.zoneOffsetSeconds()
            + ") / 86400)";
    String owner = scope == Scope.ALL ? "e.contact_id" : "COALESCE(m.merged_into, e.contact_id)";
    return "SELECT "
        + owner
        + " AS contact_id,"
        + " MIN(CASE WHEN e.type = 'purchase' THEN e.occurred_at END) AS first_purchase_at,"
        + " MAX(CASE WHEN e.type = 'purchase' THEN e.occurred_at END) AS last_purchase_at,"
        + " COUNT(CASE WHEN e.type = 'purchase' THEN 1 END) AS purchase_count,"
        + " COUNT(DISTINCT CASE WHEN e.type = 'purchase' THEN "
        + day
        + " END) AS purchase_days,"
        + " SUM(CASE WHEN e.type = 'purchase' THEN e.amount END) AS total_spend,"
        + " SUM(CASE WHEN e.type = 'purchase' THEN "
        + DISCOUNTED
        + " ELSE 0 END) AS discount_purchases, MAX(CASE WHEN e.type = 'visit' THEN e.occurred_at"
        + " END) AS last_visit_at, MAX(CASE WHEN e.type IN ('email_clicked', 'sms_clicked') AND"
        + " e.flagged IS NULL THEN e.occurred_at END) AS last_click_at, MAX(CASE WHEN e.type ="
        + " 'email_opened' AND e.flagged IS NULL THEN e.occurred_at END) AS last_open_at, MIN(CASE"
        + " WHEN e.type IN "
        + activity
        + " AND e.flagged IS NULL THEN e.occurred_at END) AS first_activity_at,"
        + " MAX(CASE WHEN e.type IN "
        + activity
        + " AND e.flagged IS NULL THEN e.occurred_at END) AS last_activity_at, COUNT(CASE WHEN"
        + " e.type IN ('complaint', 'email_complained') THEN 1 END) AS complaint_count, COUNT(CASE"
        + " WHEN e.type = 'email_sent' THEN 1 END) AS emails_sent, MIN(CASE WHEN e.type ="
        + " 'email_sent' THEN e.occurred_at END) AS first_email_at, MAX(CASE WHEN e.type IN"
        + " ('email_clicked', 'email_opened') AND e.flagged IS NULL THEN e.occurred_at END) AS"
        + " last_engaged_at, MAX(CASE WHEN e.type IN ('complaint', 'email_complained') THEN"
        + " e.occurred_at END) AS last_complaint_at FROM contact_event e"
        + switch (scope) {
          case ALL -> " WHERE " + COUNTS + IdRange.within(range, "e.contact_id");
          // the events of the given owners (an array parameter), read by index
          case DIRTY_ARRAYS ->
              " LEFT JOIN contact m ON m.id = e.contact_id AND m.merged_into IS NOT NULL WHERE"
                  + " e.contact_id = ANY(?) AND "
                  + COUNTS;
          default ->
              " LEFT JOIN contact m ON m.id = e.contact_id AND m.merged_into IS NOT NULL"
                  + " WHERE "
                  + COUNTS
                  + " AND (e.contact_id IN (SELECT contact_id FROM segment_dirty) OR e.contact_id"
                  + " IN (SELECT o.id FROM contact o WHERE o.merged_into IN (SELECT contact_id FROM"
                  + " segment_dirty)))";
        }
        + (r.eventsBefore() == null
            ? ""
            : " AND "
                + epochOf("e.occurred_at", postgres)
                + " < "
                + Expressions.epoch(r.eventsBefore()))
        + " GROUP BY "
        + owner;
  }

  /**
   * Whether an event counts: one its source deleted (a cancelled order, a deleted invoice) does
   * not.
   */
  static final String COUNTS = "e.deleted_at IS NULL";

  /**
   * Whether a purchase used a discount (a code, or a discount amount, as shop orders carry): 1 or
   * 0.
   */
  private static final String DISCOUNTED =
      "CASE WHEN e.discount_codes IS NOT NULL OR e.discount_amount > 0 THEN 1 ELSE 0 END";

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
