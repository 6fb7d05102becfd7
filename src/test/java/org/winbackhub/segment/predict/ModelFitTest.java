package org.winbackhub.segment.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fits on purchase histories simulated from known parameters recover those parameters. */
class ModelFitTest {
  static final BgNbd TRUTH = new BgNbd(0.25, 4.0, 0.8, 2.5);
  static final GammaGamma SPEND = new GammaGamma(6.0, 4.0, 15.0);

  @Test
  void bg_nbd_and_gamma_gamma_fits_recover_the_simulated_parameters() {
    List<Simulation.Purchase> purchases =
        new Simulation(TRUTH, SPEND, 42).purchases(30_000, 12, 39);
    List<Rfm> customers = Simulation.summarize(purchases, 39);

    ModelFit.BgNbdFit fit = ModelFit.bgNbd(customers);
    BgNbd m = fit.model();
    assertThat(m.r()).as(m.toString()).isCloseTo(TRUTH.r(), within(TRUTH.r() * 0.15));
    assertThat(m.alpha()).as(m.toString()).isCloseTo(TRUTH.alpha(), within(TRUTH.alpha() * 0.15));
    assertThat(m.a()).as(m.toString()).isCloseTo(TRUTH.a(), within(TRUTH.a() * 0.25));
    assertThat(m.b()).as(m.toString()).isCloseTo(TRUTH.b(), within(TRUTH.b() * 0.25));
    // the optimum is at least as likely as the truth
    double atTruth =
        customers.stream().mapToDouble(c -> TRUTH.logLikelihood(c.x(), c.tx(), c.T())).sum();
    assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(atTruth - 1e-6);

    ModelFit.GammaGammaFit spend = ModelFit.gammaGamma(customers);
    assertThat(spend).isNotNull();
    GammaGamma g = spend.model();
    // p, q and γ trade off; the mean transaction value p γ / (q - 1) is what is identified well
    assertThat(g.p() * g.gamma() / (g.q() - 1))
        .as(g.toString())
        .isCloseTo(SPEND.p() * SPEND.gamma() / (SPEND.q() - 1), within(2.0));
    assertThat(g.p()).as(g.toString()).isCloseTo(SPEND.p(), within(SPEND.p() * 0.25));
  }
}
