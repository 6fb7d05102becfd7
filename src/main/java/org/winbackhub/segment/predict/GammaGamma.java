package org.winbackhub.segment.predict;

import static org.hipparchus.special.Gamma.logGamma;

import java.util.Locale;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee, "RFM and CLV", 2005; Colombo and Jiang 1999):
 * a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on
 * customers with repeat purchases; gives each customer's expected average spend.
 */
public record GammaGamma(double p, double q, double gamma) {

  /**
   * log f(m̄ | p, q, γ, x): the likelihood of mean spend {@code m} over {@code x} repeat purchases.
   */
  public double logLikelihood(int x, double m) {
    double px = p * x;
    return logGamma(px + q)
        - logGamma(px)
        - logGamma(q)
        + q * Math.log(gamma)
        + (px - 1) * Math.log(m)
        + px * Math.log(x)
        - (px + q) * Math.log(gamma + m * x);
  }

  /**
   * E[M | p, q, γ, m̄, x]: a weighted mean of the population's mean spend and the customer's own.
   */
  public double expectedSpend(int x, double m) {
    if (x == 0 || Double.isNaN(m)) {
      return p * gamma / (q - 1);
    }
    return (gamma + m * x) * p / (p * x + q - 1);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "p=%.4f q=%.4f gamma=%.4f", p, q, gamma);
  }
}
