package org.winbackhub.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.winbackhub.app.HubApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the service: every route, schedule and HTTP endpoint, until stopped. */
@Command(
    name = "run",
    header = "Runs the hub as a service until stopped.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the hub as a service until stopped (Ctrl-C or SIGTERM): source polling, the win-back",
      "cycle on its schedule, outbox dispatch, tracking endpoints, /observe/health and metrics.",
      "Reads config/application.properties (and application-PROFILE.properties) from the current"
          + " folder."
    })
final class RunCommand implements Callable<Integer> {

  @Option(
      names = {"-p", "--profile"},
      description = "Configuration profile, e.g. prod for PostgreSQL.")
  String profile;

  @Override
  public Integer call() throws Exception {
    HubApplication.create(profile, Map.of()).run();
    return 0;
  }
}
