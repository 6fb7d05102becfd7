package org.winbackhub.segment.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.GammaDistribution;

/**
 * Purchase histories drawn from known BG/NBD (and Gamma-Gamma) parameters, to check that a fit
 * recovers them: each customer's first purchase falls in an acquisition window, purchases follow at
 * rate λ ~ Gamma(r, α), and after each repeat purchase the customer drops out with probability p ~
 * Beta(a, b); each purchase is worth Gamma(p, ν) with ν ~ Gamma(q, γ).
 */
public final class Simulation {
  /** One simulated purchase: the customer, when (time units since the start), how much. */
  public record Purchase(String customerId, double at, double amount) {}

  private final BgNbd model;
  private final GammaGamma spend;
  private final Random random;

  public Simulation(BgNbd model, GammaGamma spend, long seed) {
    this.model = model;
    this.spend = spend;
    this.random = new Random(seed);
  }

  /**
   * Purchases of {@code customers} customers acquired in [0, acquisition) and watched until {@code
   * end}.
   */
  public List<Purchase> purchases(int customers, double acquisition, double end) {
    // Hipparchus: Gamma(shape, scale), so a rate α is a scale 1/α
    GammaDistribution lambdas = new GammaDistribution(model.r(), 1 / model.alpha());
    BetaDistribution dropouts = new BetaDistribution(model.a(), model.b());
    GammaDistribution nus =
        spend == null ? null : new GammaDistribution(spend.q(), 1 / spend.gamma());
    List<Purchase> purchases = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      String id = "C" + (i + 1);
      double lambda = lambdas.inverseCumulativeProbability(random.nextDouble());
      double p = dropouts.inverseCumulativeProbability(random.nextDouble());
      GammaDistribution values =
          nus == null
              ? null
              : new GammaDistribution(
                  spend.p(), 1 / nus.inverseCumulativeProbability(random.nextDouble()));
      double t = random.nextDouble() * acquisition;
      purchases.add(new Purchase(id, t, value(values)));
      while (true) {
        t += -Math.log(1 - random.nextDouble()) / lambda;
        if (t > end) {
          break;
        }
        purchases.add(new Purchase(id, t, value(values)));
        if (random.nextDouble() < p) {
          break;
        }
      }
    }
    return purchases;
  }

  /** The same customers as the models see them, in continuous time. */
  public static List<Rfm> summarize(List<Purchase> purchases, double end) {
    List<Rfm> customers = new ArrayList<>();
    int i = 0;
    while (i < purchases.size()) {
      Purchase first = purchases.get(i);
      int j = i + 1;
      double sum = 0;
      while (j < purchases.size() && purchases.get(j).customerId().equals(first.customerId())) {
        sum += purchases.get(j).amount();
        j++;
      }
      int x = j - i - 1;
      double last = purchases.get(j - 1).at();
      customers.add(
          new Rfm(
              first.customerId(),
              x,
              last - first.at(),
              end - first.at(),
              x == 0 ? Double.NaN : sum / x));
      i = j;
    }
    return customers;
  }

  private double value(GammaDistribution values) {
    return values == null ? 0 : values.inverseCumulativeProbability(random.nextDouble());
  }
}
