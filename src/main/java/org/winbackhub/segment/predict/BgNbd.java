package org.winbackhub.segment.predict;

import static org.hipparchus.special.Gamma.logGamma;

import java.util.Locale;

/**
 * The BG/NBD model (Fader, Hardie and Lee, "Counting Your Customers the Easy Way", 2005): while
 * alive a customer buys at a Poisson rate λ ~ Gamma(r, α) and after each purchase drops out with
 * probability p ~ Beta(a, b). These are the fitted parameters, with the formulas of the paper for
 * one customer's likelihood (eq. 6), probability of being alive and expected purchases in the next
 * {@code t} (eq. 10).
 */
public record BgNbd(double r, double alpha, double a, double b) {

  /** log L(r, α, a, b | x, t_x, T). */
  public double logLikelihood(int x, double tx, double T) {
    double a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
    double a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
    double a3 = -(r + x) * Math.log(alpha + T);
    if (x == 0) {
      return a1 + a2 + a3;
    }
    double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    double max = Math.max(a3, a4);
    return a1 + a2 + max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
  }

  /** P(alive | x, t_x, T): 1 for a customer who never came back (the model's convention). */
  public double pAlive(int x, double tx, double T) {
    if (x == 0) {
      return 1.0;
    }
    return 1.0 / (1.0 + Math.exp(dropoutLogOdds(x, tx, T)));
  }

  /** log of (a / (b + x - 1)) ((α + T) / (α + t_x))^(r + x). */
  private double dropoutLogOdds(int x, double tx, double T) {
    return Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  }

  /** E[Y(t) | x, t_x, T]: expected purchases in the next {@code t} time units. */
  public double expectedPurchases(double t, int x, double tx, double T) {
    if (t <= 0) {
      return 0;
    }
    double z = t / (alpha + T + t);
    double hyp = hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
    double first = (a + b + x - 1) / (a - 1);
    double second = 1 - Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t))) * hyp;
    double denominator = x == 0 ? 1 : 1 + Math.exp(dropoutLogOdds(x, tx, T));
    return first * second / denominator;
  }

  /** Gauss's hypergeometric series 2F1(a, b; c; z) for 0 <= z < 1. */
  static double hypergeometric2F1(double a, double b, double c, double z) {
    double term = 1;
    double sum = 1;
    for (int k = 0; k < 1_000_000; k++) {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      sum += term;
      if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
        return sum;
      }
    }
    throw new ArithmeticException(
        "2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "r=%.4f alpha=%.4f a=%.4f b=%.4f", r, alpha, a, b);
  }
}
