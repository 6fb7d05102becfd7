package org.winbackhub.segment.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum-likelihood fits of BG/NBD and Gamma-Gamma with Hipparchus's Nelder-Mead simplex, on the
 * logarithms of the parameters (so they stay positive). Customers with the same (x, t_x, T) share
 * one likelihood term, weighted by their number: with day or week units most do, so a fit on
 * 100,000 customers evaluates a few thousand terms per step.
 */
public final class ModelFit {
  private ModelFit() {}

  /** A fitted BG/NBD model and its log-likelihood at the optimum. */
  public record BgNbdFit(BgNbd model, double logLikelihood, int customers) {}

  /** A fitted Gamma-Gamma model, on the customers with repeat purchases and amounts. */
  public record GammaGammaFit(GammaGamma model, double logLikelihood, int customers) {}

  private record Key(int x, double tx, double T) {}

  public static BgNbdFit bgNbd(List<Rfm> customers) {
    if (customers.isEmpty()) {
      throw new IllegalArgumentException("no customers to fit");
    }
    Map<Key, Integer> groups = new HashMap<>();
    for (Rfm c : customers) {
      groups.merge(new Key(c.x(), c.tx(), c.T()), 1, Integer::sum);
    }
    List<Map.Entry<Key, Integer>> terms = new ArrayList<>(groups.entrySet());
    ToDoubleFunction<double[]> logLikelihood =
        logParams -> {
          BgNbd m =
              new BgNbd(
                  Math.exp(logParams[0]),
                  Math.exp(logParams[1]),
                  Math.exp(logParams[2]),
                  Math.exp(logParams[3]));
          return terms.parallelStream()
              .mapToDouble(
                  e ->
                      e.getValue()
                          * m.logLikelihood(e.getKey().x(), e.getKey().tx(), e.getKey().T()))
              .sum();
        };
    double[] best = maximize(logLikelihood, new double[] {0, 0, 0, 0});
    BgNbd model =
        new BgNbd(Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]), Math.exp(best[3]));
    return new BgNbdFit(model, logLikelihood.applyAsDouble(best), customers.size());
  }

  /**
   * Fits on customers with at least one repeat purchase and a positive mean spend; null when fewer
   * than 10.
   */
  public static GammaGammaFit gammaGamma(List<Rfm> customers) {
    List<Rfm> repeat = customers.stream().filter(c -> c.x() > 0 && c.meanSpend() > 0).toList();
    if (repeat.size() < 10) {
      return null;
    }
    ToDoubleFunction<double[]> logLikelihood =
        logParams -> {
          GammaGamma m =
              new GammaGamma(
                  Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]));
          return repeat.parallelStream()
              .mapToDouble(c -> m.logLikelihood(c.x(), c.meanSpend()))
              .sum();
        };
    double[] best = maximize(logLikelihood, new double[] {0, 0, 0});
    GammaGamma model = new GammaGamma(Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]));
    return new GammaGammaFit(model, logLikelihood.applyAsDouble(best), repeat.size());
  }

  /** Nelder-Mead from {@code start}, restarted from its own optimum until it stops improving. */
  private static double[] maximize(ToDoubleFunction<double[]> f, double[] start) {
    ObjectiveFunction objective =
        new ObjectiveFunction(
            p -> {
              double v = f.applyAsDouble(p);
              return Double.isFinite(v) ? v : -1e300;
            });
    SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-12, 1e-10));
    double[] point = start;
    double value = Double.NEGATIVE_INFINITY;
    for (int restart = 0; restart < 5; restart++) {
      PointValuePair optimum =
          optimizer.optimize(
              new MaxEval(20_000),
              new MaxIter(20_000),
              objective,
              GoalType.MAXIMIZE,
              new InitialGuess(point),
              new NelderMeadSimplex(point.length, 0.5));
      boolean better = optimum.getValue() > value + 1e-9 * Math.abs(value);
      point = optimum.getPoint();
      value = optimum.getValue();
      if (!better) {
        break;
      }
    }
    return point;
  }
}
