package org.winbackhub.segment.classify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;

/**
 * The SQL expressions of the rules over one contact_fact row; numbers are inlined, never text from
 * outside. The shared values (epoch seconds, the model's x, t_x and T, the rhythm) are here; each
 * group of rules is a class of its own, reached through the methods at the end.
 */
final class Expressions {
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

  private Expressions(
      Rules r,
      boolean postgres,
      boolean epochColumns,
      boolean valueColumns,
      boolean expectedColumn) {
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

  Rules rules() {
    return r;
  }

  boolean postgres() {
    return postgres;
  }

  /** Whether P(alive) and the rhythm are columns of an enclosing layer already. */
  boolean valueColumns() {
    return valueColumns;
  }

  /** Whether the expected purchases are a column of an enclosing layer already. */
  boolean expectedColumn() {
    return expectedColumn;
  }

  /** The moment of the run, in epoch seconds. */
  String now() {
    return now;
  }

  static final String[] TIMES = {
    "first_purchase_at",
    "last_purchase_at",
    "first_activity_at",
    "last_activity_at",
    "first_email_at",
    "last_engaged_at",
    "last_complaint_at"
  };

  String epoch(String column) {
    return epochColumns ? column + "_e" : SegmentSql.epochOf(column, postgres);
  }

  static String epoch(Instant i) {
    return num(i.getEpochSecond() + i.getNano() / 1e9);
  }

  /** The model's x: repeat purchase days. */
  static final String REPEATS = "(purchase_days - 1)";

  /** Seconds between two epoch expressions, in the model's time unit. */
  private static String inUnits(String from, String to, PurchaseModel m) {
    return "((" + to + " - " + from + ") / " + num(m.timeUnitDays() * 86400.0) + ")";
  }

  /** The model's t_x: from the first purchase to the last, in its time unit. */
  String recency(PurchaseModel m) {
    return inUnits(epoch("first_purchase_at"), epoch("last_purchase_at"), m);
  }

  /** The model's T: from the first purchase to now, in its time unit. */
  String age(PurchaseModel m) {
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
    return "CASE WHEN purchase_days >= 2 THEN ("
        + epoch("last_purchase_at")
        + " - "
        + epoch("first_purchase_at")
        + ") / 86400.0 / (purchase_days - 1) END";
  }

  String rhythmApplies() {
    if (!r.rhythmOn()) {
      return "(1 = 0)";
    }
    return "(purchase_days >= "
        + r.rhythmMinPurchases()
        + " AND last_purchase_at > first_purchase_at)";
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
    return "CAST(" + BigDecimal.valueOf(v).toPlainString() + " AS DOUBLE PRECISION)";
  }

  static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  // the groups of rules

  String pAlive() {
    return new Prediction(this).pAlive();
  }

  String expectedPurchases() {
    return new Prediction(this).expectedPurchases();
  }

  String expectedValue() {
    return new Prediction(this).expectedValue();
  }

  String valueScore() {
    return new ValueRules(this).valueScore();
  }

  String treatment() {
    return new ValueRules(this).treatment();
  }

  String behaviour() {
    return new ValueRules(this).behaviour();
  }

  String sunset() {
    return new ValueRules(this).sunset();
  }

  String sunsetReason() {
    return new ValueRules(this).sunsetReason();
  }

  String recheck() {
    return new Recheck(this).recheck();
  }

  String ruleNumber() {
    return new LifecycleTable(this).ruleNumber();
  }

  String lifecycleByRule() {
    return new LifecycleTable(this).lifecycleByRule();
  }

  String reasonByRule() {
    return new LifecycleTable(this).reasonByRule();
  }
}
