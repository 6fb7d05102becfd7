package org.winbackhub.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.winbackhub.segment.Segmenter;
import org.winbackhub.segment.classify.SegmentRuns;
import org.winbackhub.store.FactRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Classifies contacts now, as the cycle does: after a first load, or to see a policy change at
 * once.
 */
@Command(
    name = "segment",
    header = "Classifies contacts now, as the cycle does.",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes facts and segments now, as the cycle does before planning journeys:"
          + " incrementally",
      "(contacts whose events changed since the last run, and whoever time moved across a tier),"
          + " or",
      "fully with --full. --fit refits the purchase model (BG/NBD, Gamma-Gamma) on the stored",
      "purchases first. Prints one line per segment."
    })
final class SegmentCommand implements Callable<Integer> {
  @Option(names = "--full", description = "Recompute every contact.")
  boolean full;

  @Option(names = "--fit", description = "Refit the purchase model first (then a full run).")
  boolean fit;

  @Mixin OfflineHub hub;

  @Mixin AsOfOption asOf;

  @Override
  public Integer call() throws Exception {
    return hub.run(
        asOf.properties(),
        beans -> {
          Segmenter segmenter = beans.get(Segmenter.class);
          FactRepository facts = beans.get(FactRepository.class);
          if (fit) {
            segmenter.incremental(); // the model is fitted on current facts
            var model = segmenter.fitModel();
            System.out.println(
                model
                    .map(
                        m ->
                            String.format(
                                Locale.ROOT,
                                "purchase model: r=%.4f alpha=%.4f a=%.4f b=%.4f on %d buyers",
                                m.r(),
                                m.alpha(),
                                m.a(),
                                m.b(),
                                m.customers()))
                    .orElse("purchase model: not fitted (too few buyers)"));
          }
          SegmentRuns.RunResult run = fit || full ? segmenter.full() : segmenter.incremental();
          System.out.printf(
              Locale.ROOT,
              "%s run: %d contacts recomputed, %d rechecked as time passed, %d changed segment,"
                  + " %.1f s%n",
              run.kind(),
              run.recomputed(),
              run.rechecked(),
              run.changed(),
              run.took().toMillis() / 1000.0);
          for (var t : facts.insights()) {
            System.out.printf(
                Locale.ROOT,
                "  %-14s %8d  mean score %3.0f  worth winning back %d  email sunset %d%n",
                t.lifecycle(),
                t.contacts(),
                t.meanScore(),
                t.worthWinning(),
                t.sunset());
          }
          return 0;
        });
  }
}
