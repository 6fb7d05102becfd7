package org.winbackhub.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.winbackhub.app.Logs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks the configuration without starting anything; with --connect, against its databases. */
@Command(
    name = "validate",
    header = "Checks the configuration; with --connect, against its databases.",
    mixinStandardHelpOptions = true,
    description = {
      "Loads every route (routes/**/*.camel.yaml), the policy (config/policies.yaml), every"
          + " journey",
      "(config/journeys/*.yaml), every mapping and their templates without starting anything or"
          + " touching",
      "the store. With --connect it also makes the beans of config/application.properties, checks"
          + " every",
      "bean a route or Kamelet names and every mapping file a route names, opens every DataSource"
          + " and",
      "runs each SQL source's queries so that they return no rows (LIMIT 0), checking the columns.",
      "Prints FILE:LINE: REASON for each mistake and exits 1 if there is any, 0 otherwise."
    })
final class ValidateCommand implements Callable<Integer> {

  @Option(
      names = {"-p", "--profile"},
      description = "Configuration profile to check as well, e.g. prod.")
  String profile;

  @Option(
      names = "--dir",
      defaultValue = ".",
      description = "The hub's folder, holding config/ and routes/ (default: the current one).")
  Path dir;

  @Option(
      names = "--connect",
      description =
          "Also connect: every DataSource opened, each SQL source's queries run (no rows read).")
  boolean connect;

  @Override
  public Integer call() throws Exception {
    Logs.quiet(Logger.ROOT_LOGGER_NAME, "org.apache.camel");
    ConfigValidator.Report report = new ConfigValidator(dir, profile, connect).validate();
    if (report.problems().isEmpty()) {
      System.out.printf(
          "OK: %d route files (%d routes), policy, %d journeys, %d templates%s%n",
          report.routeFiles(),
          report.routes(),
          report.journeys(),
          report.templates(),
          connect ? "; every DataSource opened and every SQL source's queries ran" : "");
      return 0;
    }
    for (Problems.Problem p : report.problems()) {
      System.out.println(p);
    }
    System.out.printf(
        "%d problem%s found%n", report.problems().size(), report.problems().size() == 1 ? "" : "s");
    return 1;
  }
}
