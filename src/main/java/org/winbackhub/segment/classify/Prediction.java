package org.winbackhub.segment.classify;

import static org.winbackhub.segment.classify.Expressions.REPEATS;
import static org.winbackhub.segment.classify.Expressions.num;

import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;

/**
 * The purchase model's rules as SQL: P(alive) under BG/NBD, the expected purchases over the
 * horizon, and the expected value (Gamma-Gamma, or the historical mean spend).
 */
final class Prediction {
  private final Expressions ex;
  private final Rules r;

  Prediction(Expressions ex) {
    this.ex = ex;
    this.r = ex.rules();
  }

  String pAlive() {
    PurchaseModel m = r.model();
    if (m == null) {
      return "NULL";
    }
    if (ex.valueColumns()) {
      return "p_alive_v";
    }
    String x = REPEATS;
    String tx = ex.recency(m);
    String t = ex.age(m);
    return "CASE WHEN last_purchase_at IS NULL THEN NULL WHEN purchase_days < 2 THEN 1.0"
        + " ELSE 1.0 / (1.0 + EXP(LEAST(700.0, LN("
        + num(m.a())
        + " / ("
        + num(m.b())
        + " + "
        + x
        + " - 1))"
        + " + ("
        + num(m.r())
        + " + "
        + x
        + ") * (LN("
        + num(m.alpha())
        + " + "
        + t
        + ") - LN("
        + num(m.alpha())
        + " + "
        + tx
        + "))))) END";
  }

  /**
   * Expected purchases over the horizon: P(alive) times what an alive customer with the posterior
   * mean rate λ = (r + x) / (α + T) and drop-out p = a / (a + b + x) buys in that time, (1 - e^(-λ
   * p h)) / p. An approximation of the paper's E[Y(t)] that SQL can evaluate.
   */
  String expectedPurchases() {
    PurchaseModel m = r.model();
    if (m == null) {
      return "NULL";
    }
    if (ex.expectedColumn()) {
      return "ep_v";
    }
    String x = REPEATS;
    String t = ex.age(m);
    String lambda = "((" + num(m.r()) + " + " + x + ") / (" + num(m.alpha()) + " + " + t + "))";
    String p = "(" + num(m.a()) + " / (" + num(m.a()) + " + " + num(m.b()) + " + " + x + "))";
    String h = num(r.horizonDays() / m.timeUnitDays());
    return "CASE WHEN last_purchase_at IS NULL THEN NULL ELSE ("
        + pAlive()
        + ") * (1.0 - EXP(-"
        + lambda
        + " * "
        + p
        + " * "
        + h
        + ")) / "
        + p
        + " END";
  }

  /**
   * Expected purchases times the expected spend per purchase (Gamma-Gamma, or the historical mean).
   */
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
      spend =
          "CASE WHEN purchase_days < 2 THEN "
              + p
              + " * "
              + g
              + " / ("
              + q
              + " - 1.0) ELSE ("
              + g
              + " + "
              + mean
              + " * "
              + x
              + ") * "
              + p
              + " / ("
              + p
              + " * "
              + x
              + " + "
              + q
              + " - 1.0) END";
    } else {
      spend = mean;
    }
    return "CASE WHEN last_purchase_at IS NULL OR purchase_count = 0 THEN NULL ELSE CAST(("
        + expectedPurchases()
        + ") * ("
        + spend
        + ") AS NUMERIC(14, 2)) END";
  }
}
