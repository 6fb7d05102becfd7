package org.winbackhub.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.winbackhub.app.Logs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks the configuration without starting anything. */
@Command(
    name = "validate",
    header = "Checks routes, policy, journeys and templates without running them.",
    mixinStandardHelpOptions = true,
    description = {
      "Loads every route (routes/**/*.camel.yaml), the policy (config/policies.yaml), every"
          + " journey",
      "(config/journeys/*.yaml) and their templates without starting anything or touching the"
          + " store.",
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

  @Override
  public Integer call() throws Exception {
    Logs.quiet(Logger.ROOT_LOGGER_NAME, "org.apache.camel");
    ConfigValidator.Report report = new ConfigValidator(dir, profile).validate();
    if (report.problems().isEmpty()) {
      System.out.printf(
          "OK: %d route files (%d routes), policy, %d journeys, %d templates%n",
          report.routeFiles(), report.routes(), report.journeys(), report.templates());
      return 0;
    }
    for (ConfigValidator.Problem p : report.problems()) {
      System.out.println(p);
    }
    System.out.printf(
        "%d problem%s found%n", report.problems().size(), report.problems().size() == 1 ? "" : "s");
    return 1;
  }
}
