package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.testing.PackagedJar;

/** model simulate and model fit, from the packaged jar, as an analyst runs them. */
class ModelCommandIT {
  @TempDir Path dir;

  @Test
  void fit_recovers_the_parameters_a_log_was_simulated_with_and_writes_each_customer()
      throws Exception {
    Path log = dir.resolve("purchases.csv");
    PackagedJar.Run sim =
        PackagedJar.run(
            dir,
            60,
            "model",
            "simulate",
            "--customers",
            "20000",
            "--r",
            "0.3",
            "--alpha",
            "5",
            "--a",
            "0.7",
            "--b",
            "2.0",
            "--seed",
            "7",
            "--output",
            log.toString());
    assertThat(sim.exitCode()).as(sim.output()).isZero();
    // a line an analyst's export may hold by mistake: named, skipped, the rest goes on
    Files.writeString(log, "C9999,31/12/2025,10.00\n", StandardOpenOption.APPEND);

    Path out = dir.resolve("customers.csv");
    PackagedJar.Run fit =
        PackagedJar.run(
            dir,
            120,
            "model",
            "fit",
            "--transactions",
            log.toString(),
            "--calibration-end",
            "2025-09-30",
            "--time-unit",
            "weeks",
            "--output",
            out.toString());
    assertThat(fit.exitCode()).as(fit.output()).isZero();
    Matcher m =
        Pattern.compile(
                "(?m)^r=([0-9.]+) alpha=([0-9.]+) a=([0-9.]+) b=([0-9.]+) loglik=(-[0-9.]+)$")
            .matcher(fit.output());
    assertThat(m.find()).as(fit.output()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isCloseTo(0.3, within(0.045));
    assertThat(Double.parseDouble(m.group(2))).isCloseTo(5.0, within(0.75));
    assertThat(Double.parseDouble(m.group(3))).isCloseTo(0.7, within(0.2));
    assertThat(Double.parseDouble(m.group(4))).isCloseTo(2.0, within(0.5));
    int badLine = Files.readAllLines(log).size(); // the header is line 1
    assertThat(fit.output())
        .contains("purchases.csv line " + badLine + ": date: expected YYYY-MM-DD")
        .contains("date: expected YYYY-MM-DD, got '31/12/2025'")
        .contains("gamma-gamma on");

    List<String> rows = Files.readAllLines(out);
    assertThat(rows.get(0))
        .isEqualTo("customer_id,x,t_x,T,p_alive,expected_purchases,expected_spend,expected_value");
    assertThat(rows).hasSizeGreaterThan(15_000);
    for (String row : rows.subList(1, 200)) {
      String[] f = row.split(",");
      double pAlive = Double.parseDouble(f[4]);
      assertThat(pAlive).isBetween(0.0, 1.0);
      if (f[1].equals("0")) {
        assertThat(pAlive).isEqualTo(1.0);
      }
      double product =
          Double.parseDouble(f[5]) * Double.parseDouble(f[6]); // spend is rounded to cents
      assertThat(Double.parseDouble(f[7])).isCloseTo(product, within(0.01 + product * 0.001));
    }
  }
}
