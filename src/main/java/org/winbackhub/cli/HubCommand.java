package org.winbackhub.cli;

import org.winbackhub.app.Logs;
import org.winbackhub.demo.DemoCommand;
import org.winbackhub.store.StoreServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The hub's command line: run, demo, validate. */
@Command(
    name = "winback-hub",
    mixinStandardHelpOptions = true,
    version = "winback-hub 0.1.0",
    description = "An Apache Camel integration hub that wins back inactive customers.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      ValidateCommand.class,
      SyncCommand.class,
      MergesCommand.class,
      SegmentCommand.class,
      ExplainCommand.class,
      ModelCommand.class,
      OutboxCommand.class,
      RejectsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HubCommand implements Runnable {
  /** Loggers whose lines a one-shot command says itself: a failed connection, a failed start. */
  private static final String[] DRIVER_LOGS = {
    "com.zaxxer.hikari",
    "org.mariadb.jdbc",
    "org.postgresql",
    "h2database",
    // its WARN lines repeat a failed start the command says in its own line
    "org.apache.camel.impl.engine.AbstractCamelContext"
  };

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On a failure, print its stack trace too (and the database drivers' logs).")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    StoreServer.loopbackOnly();
    CommandLine cli = new CommandLine(new HubCommand());
    cli.setExecutionStrategy(
        parsed -> {
          // the service keeps every log line; a one-shot command says a failure itself
          boolean service =
              parsed.subcommand() != null && parsed.subcommand().commandSpec().name().equals("run");
          if (!verbose(parsed) && !service) {
            Logs.off(DRIVER_LOGS);
          }
          return new CommandLine.RunLast().execute(parsed);
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          // a mistake in the configuration or the input is one line; the trace on demand
          String profile = option(parsed, "--profile");
          System.err.println(
              "winback-hub " + command.getCommandName() + ": " + Failures.oneLine(e, profile));
          if (verbose(parsed)) {
            e.printStackTrace();
          }
          return 1;
        });
    System.exit(cli.execute(args));
  }

  /** Whether --verbose was given, before or after the command's name. */
  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String option(ParseResult parsed, String name) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(name)) {
        return p.matchedOptionValue(name, null);
      }
    }
    return null;
  }
}
