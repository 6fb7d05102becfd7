package org.winbackhub.segment.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.distribution.RealDistribution;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.junit.jupiter.api.Test;

/**
 * The closed forms of BG/NBD against the model's definition, integrated numerically: a customer
 * with rate λ and dropout p has likelihood (1-p)^x λ^x e^(-λT) + [x>0] p (1-p)^(x-1) λ^x e^(-λ
 * t_x), and if alive buys (1 - e^(-λ p t)) / p times in the next t; averaging these over Gamma(r,
 * α) and Beta(a, b) must give the paper's likelihood, P(alive) and E[Y(t)].
 */
class BgNbdTest {
  // the parameters Fader, Hardie and Lee report for the CDNOW sample (weeks)
  static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);
  static final int N = 2000;

  /**
   * λ and p at N quantiles each (midpoints), so an average over the grid is the double integral.
   */
  final double[] lambdas = quantiles(new GammaDistribution(CDNOW.r(), 1 / CDNOW.alpha()));

  final double[] ps = quantiles(new BetaDistribution(CDNOW.a(), CDNOW.b()));

  static double[] quantiles(RealDistribution d) {
    double[] q = new double[N];
    for (int i = 0; i < N; i++) {
      q[i] = d.inverseCumulativeProbability((i + 0.5) / N);
    }
    return q;
  }

  /**
   * [likelihood, likelihood and alive, expected purchases in t and alive] averaged over λ and p.
   */
  double[] integrate(int x, double tx, double T, double t) {
    double all = 0;
    double alive = 0;
    double ahead = 0;
    for (double l : lambdas) {
      double aliveL = Math.pow(l, x) * Math.exp(-l * T);
      double goneL = x == 0 ? 0 : Math.pow(l, x) * Math.exp(-l * tx);
      for (double p : ps) {
        double stay = Math.pow(1 - p, x) * aliveL;
        all += stay + (x == 0 ? 0 : p * Math.pow(1 - p, x - 1) * goneL);
        alive += stay;
        ahead += stay * (1 - Math.exp(-l * p * t)) / p;
      }
    }
    return new double[] {all / N / N, alive / N / N, ahead / N / N};
  }

  @Test
  void likelihood_p_alive_and_expected_purchases_match_the_model_integrated_numerically() {
    int[][] cases = {{0, 0, 30}, {1, 10, 38}, {2, 30, 39}, {5, 20, 35}};
    for (int[] c : cases) {
      int x = c[0];
      double tx = c[1] + 0.43;
      double T = c[2] + 0.86;
      double[] numeric = integrate(x, tx, T, 39);
      assertThat(Math.exp(CDNOW.logLikelihood(x, tx, T)))
          .as("L for x=%d", x)
          .isCloseTo(numeric[0], within(numeric[0] * 0.01));
      assertThat(CDNOW.pAlive(x, tx, T))
          .as("P(alive) for x=%d", x)
          .isCloseTo(numeric[1] / numeric[0], within(0.005));
      assertThat(CDNOW.expectedPurchases(39, x, tx, T))
          .as("E[Y(39)] for x=%d", x)
          .isCloseTo(numeric[2] / numeric[0], within(numeric[2] / numeric[0] * 0.01));
    }
  }

  @Test
  void the_papers_worked_example() {
    // "Counting Your Customers the Easy Way" (2005): a customer with 2 repeat purchases, the last
    // at 30.43 weeks, observed for 38.86 weeks, is expected to buy 1.226 times in the next 39
    assertThat(CDNOW.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.001));
  }

  @Test
  void a_customer_who_never_came_back_is_alive_by_convention_and_a_long_silence_lowers_p_alive() {
    assertThat(CDNOW.pAlive(0, 0, 38)).isEqualTo(1.0);
    assertThat(CDNOW.pAlive(5, 37, 38)).isGreaterThan(CDNOW.pAlive(5, 10, 38));
    assertThat(CDNOW.pAlive(5, 10, 38)).isBetween(0.0, 0.5);
  }

  @Test
  void the_hypergeometric_series_meets_its_closed_form() {
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z
    for (double z : new double[] {0.1, 0.5, 0.9}) {
      assertThat(BgNbd.hypergeometric2F1(1, 1, 2, z))
          .isCloseTo(-Math.log(1 - z) / z, within(1e-10));
    }
  }
}
