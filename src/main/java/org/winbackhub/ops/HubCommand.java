package org.winbackhub.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The hub's command line: run, demo, validate. */
@Command(
    name = "winback-hub",
    mixinStandardHelpOptions = true,
    version = "winback-hub 0.1.0",
    description = "An Apache Camel integration hub that wins back inactive customers.",
    subcommands = {RunCommand.class, DemoCommand.class, ValidateCommand.class, SyncCommand.class, MergesCommand.class, CommandLine.HelpCommand.class})
public final class HubCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new HubCommand()).execute(args));
  }
}
