package org.winbackhub.segment.predict;

/**
 * What the models say of one customer: P(alive), the purchases expected over the horizon, the
 * expected spend per purchase (Gamma-Gamma; NaN without a spend model) and so the expected value.
 */
public record Prediction(
    Rfm customer, double pAlive, double expectedPurchases, double expectedSpend) {

  public static Prediction of(BgNbd model, GammaGamma spend, Rfm c, double horizon) {
    double purchases = model.expectedPurchases(horizon, c.x(), c.tx(), c.T());
    double perPurchase = spend == null ? Double.NaN : spend.expectedSpend(c.x(), c.meanSpend());
    return new Prediction(c, model.pAlive(c.x(), c.tx(), c.T()), purchases, perPurchase);
  }

  public double expectedValue() {
    return expectedPurchases * expectedSpend;
  }
}
