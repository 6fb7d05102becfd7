package org.winbackhub.segment.classify;

import static org.winbackhub.segment.classify.Expressions.num;

import org.winbackhub.model.Behaviour;
import org.winbackhub.model.Treatment;

/**
 * The rules beside the lifecycle as SQL: the value score, the treatment, the behaviour, the email
 * sunset.
 */
final class ValueRules {
  private final Expressions ex;
  private final Rules r;

  ValueRules(Expressions ex) {
    this.ex = ex;
    this.r = ex.rules();
  }

  /** 0 to 100: spend, expected value, tenure and purchase days against their full-mark levels. */
  String valueScore() {
    String tenure =
        "CASE WHEN first_activity_at IS NULL THEN 0 ELSE ("
            + ex.now()
            + " - "
            + ex.epoch("first_activity_at")
            + ") / 86400.0 END";
    String sum =
        "LEAST(1.0, total_spend / "
            + num(r.valueSpend())
            + ")"
            + " + LEAST(1.0, ("
            + tenure
            + ") / "
            + num(r.valueTenureDays())
            + ")"
            + " + LEAST(1.0, purchase_days / "
            + num(r.valuePurchases())
            + ")";
    int parts = 3;
    if (r.model() != null) {
      sum +=
          " + LEAST(1.0, COALESCE(" + ex.expectedValue() + ", 0) / " + num(r.valueExpected()) + ")";
      parts = 4;
    }
    return "CAST(ROUND(100.0 * (" + sum + ") / " + parts + ") AS INTEGER)";
  }

  /** we_fixed_it while the last complaint is within the lookback, standard otherwise. */
  String treatment() {
    return "CASE WHEN "
        + ex.epoch("last_complaint_at")
        + " >= "
        + Expressions.epoch(r.complaintsSince())
        + " THEN '"
        + Treatment.WE_FIXED_IT.sql()
        + "' ELSE '"
        + Treatment.STANDARD.sql()
        + "' END";
  }

  String behaviour() {
    return "CASE WHEN purchase_days = 0 THEN NULL WHEN purchase_days = 1 THEN '"
        + Behaviour.ONE_OFF.sql()
        + "'"
        + " WHEN discount_purchases >= "
        + num(r.discountShare())
        + " * purchase_count THEN '"
        + Behaviour.DISCOUNT_DRIVEN.sql()
        + "' ELSE '"
        + Behaviour.REGULAR.sql()
        + "' END";
  }

  String sunset() {
    String before = Expressions.epoch(r.sunsetBefore());
    return "(emails_sent >= "
        + r.sunsetAfterMessages()
        + " AND "
        + ex.epoch("first_email_at")
        + " < "
        + before
        + " AND (last_engaged_at IS NULL OR "
        + ex.epoch("last_engaged_at")
        + " < "
        + before
        + "))";
  }

  String sunsetReason() {
    return Expressions.text(r.words().sunset() + " after ")
        + " || CAST(emails_sent AS VARCHAR) || ' messages'";
  }
}
