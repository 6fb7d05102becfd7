package org.winbackhub.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.winbackhub.segment.predict.BgNbd;
import org.winbackhub.segment.predict.GammaGamma;
import org.winbackhub.segment.predict.ModelFit;
import org.winbackhub.segment.predict.Prediction;
import org.winbackhub.segment.predict.PurchaseLog;
import org.winbackhub.segment.predict.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The purchase models for analysts: fit them on any purchase log, or simulate a log to check them.
 */
@Command(
    name = "model",
    header = "Fits or simulates the BG/NBD purchase model on a purchase log.",
    mixinStandardHelpOptions = true,
    description =
        "BG/NBD and Gamma-Gamma on a purchase log: who is still alive, how much they will buy.",
    subcommands = {ModelCommand.Fit.class, ModelCommand.Simulate.class})
final class ModelCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "fit",
      mixinStandardHelpOptions = true,
      description = {
        "Fits BG/NBD by maximum likelihood on a CSV purchase log with the header",
        "customer_id,date,amount (amount may be empty), using the purchases up to",
        "the calibration end; several purchases on one day count once.",
        "Prints 'r=... alpha=... a=... b=... loglik=...'; fits Gamma-Gamma too where",
        "repeat purchases have amounts (reported on stderr); writes per customer",
        "x, t_x, T, p_alive, expected purchases over the horizon and expected value."
      })
  static final class Fit implements Callable<Integer> {
    @Option(names = "--transactions", required = true, description = "CSV: customer_id,date,amount")
    Path transactions;

    @Option(
        names = "--calibration-end",
        required = true,
        description = "Last day of the calibration period, YYYY-MM-DD.")
    LocalDate calibrationEnd;

    @Option(
        names = "--time-unit",
        defaultValue = "weeks",
        description = "days or weeks (default ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(
        names = "--horizon",
        description =
            "How far ahead to count expected purchases, in time units (default: one year).")
    Double horizon;

    @Option(names = "--output", description = "Write per-customer figures to this CSV.")
    Path output;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(transactions)) {
        System.err.println("model fit: no file " + transactions);
        return 2;
      }
      PurchaseLog.TimeUnit unit = PurchaseLog.TimeUnit.parse(timeUnit);
      double ahead = horizon != null ? horizon : unit == PurchaseLog.TimeUnit.WEEKS ? 52 : 365;
      PurchaseLog.Summary log = PurchaseLog.read(transactions, calibrationEnd, unit);
      log.rejected().stream()
          .limit(20)
          .forEach(r -> System.err.println(transactions.getFileName() + " " + r));
      if (log.rejected().size() > 20) {
        System.err.println("... and " + (log.rejected().size() - 20) + " more lines rejected");
      }
      if (log.customers().isEmpty()) {
        System.err.println(
            "model fit: no purchases on or before " + calibrationEnd + " in " + transactions);
        return 1;
      }
      ModelFit.BgNbdFit fit = ModelFit.bgNbd(log.customers());
      BgNbd m = fit.model();
      ModelFit.GammaGammaFit spend = ModelFit.gammaGamma(log.customers());
      System.err.printf(
          Locale.ROOT,
          "%d lines, %d customers (%d rejected lines, %d purchases after the calibration end)%n",
          log.lines(),
          log.customers().size(),
          log.rejected().size(),
          log.afterCalibration());
      if (spend != null) {
        System.err.printf(
            Locale.ROOT,
            "gamma-gamma on %d repeat customers: %s loglik=%.4f%n",
            spend.customers(),
            spend.model(),
            spend.logLikelihood());
      } else {
        System.err.println(
            "gamma-gamma: not fitted (fewer than 10 customers with repeat purchases and amounts)");
      }
      System.out.printf(
          Locale.ROOT,
          "r=%.6f alpha=%.6f a=%.6f b=%.6f loglik=%.4f%n",
          m.r(),
          m.alpha(),
          m.a(),
          m.b(),
          fit.logLikelihood());
      if (output != null) {
        write(output, m, spend == null ? null : spend.model(), log, ahead);
      }
      return 0;
    }

    private static void write(
        Path output, BgNbd m, GammaGamma spend, PurchaseLog.Summary log, double horizon)
        throws IOException {
      try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        out.write("customer_id,x,t_x,T,p_alive,expected_purchases,expected_spend,expected_value\n");
        for (var c : log.customers()) {
          Prediction p = Prediction.of(m, spend, c, horizon);
          out.write(
              String.format(
                  Locale.ROOT,
                  "%s,%d,%.4f,%.4f,%.6f,%.6f,%s,%s%n",
                  csv(c.customerId()),
                  c.x(),
                  c.tx(),
                  c.T(),
                  p.pAlive(),
                  p.expectedPurchases(),
                  number(p.expectedSpend()),
                  number(p.expectedValue())));
        }
      }
    }

    private static String number(double v) {
      return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String csv(String s) {
      return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
  }

  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a purchase log drawn from known BG/NBD and Gamma-Gamma parameters",
        "(in weeks), so that 'model fit' can be checked to recover them. Day 0 is",
        "--start; customers are acquired over the first --acquisition weeks and",
        "watched until --weeks. The defaults are the paper's CDNOW estimates."
      })
  static final class Simulate implements Callable<Integer> {
    @Option(
        names = "--customers",
        defaultValue = "10000",
        description = "How many customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(
        names = "--r",
        defaultValue = "0.243",
        description = "BG/NBD r, shape of the purchase rates (default ${DEFAULT-VALUE}).")
    double r;

    @Option(
        names = "--alpha",
        defaultValue = "4.414",
        description = "BG/NBD alpha, their scale (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(
        names = "--a",
        defaultValue = "0.793",
        description = "BG/NBD a of the drop-out probability (default ${DEFAULT-VALUE}).")
    double a;

    @Option(
        names = "--b",
        defaultValue = "2.426",
        description = "BG/NBD b of the drop-out probability (default ${DEFAULT-VALUE}).")
    double b;

    @Option(
        names = "--p",
        defaultValue = "6.25",
        description = "Gamma-Gamma p (default ${DEFAULT-VALUE}).")
    double p;

    @Option(
        names = "--q",
        defaultValue = "3.74",
        description = "Gamma-Gamma q (default ${DEFAULT-VALUE}).")
    double q;

    @Option(
        names = "--gamma",
        defaultValue = "15.44",
        description = "Gamma-Gamma gamma (default ${DEFAULT-VALUE}).")
    double gamma;

    @Option(
        names = "--acquisition",
        defaultValue = "12",
        description =
            "Weeks over which customers make their first purchase (default ${DEFAULT-VALUE}).")
    double acquisition;

    @Option(
        names = "--weeks",
        defaultValue = "78",
        description = "Weeks the log covers (default ${DEFAULT-VALUE}).")
    double weeks;

    @Option(
        names = "--start",
        defaultValue = "2025-01-01",
        description = "The log's first day (default ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--output",
        required = true,
        description = "The CSV to write: customer_id,date,amount.")
    Path output;

    @Override
    public Integer call() throws IOException {
      List<Simulation.Purchase> purchases =
          new Simulation(new BgNbd(r, alpha, a, b), new GammaGamma(p, q, gamma), seed)
              .purchases(customers, acquisition, weeks);
      try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        out.write("customer_id,date,amount\n");
        for (Simulation.Purchase s : purchases) {
          out.write(
              s.customerId()
                  + ","
                  + start.plusDays((long) Math.floor(s.at() * 7))
                  + ","
                  + String.format(Locale.ROOT, "%.2f", s.amount())
                  + "\n");
        }
      }
      System.out.printf(
          "%d purchases of %d customers written to %s%n", purchases.size(), customers, output);
      return 0;
    }
  }
}
