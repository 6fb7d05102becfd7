package org.winbackhub.cli;

import org.winbackhub.config.ConfigException;
import org.winbackhub.demo.DemoCommand;
import org.winbackhub.store.StoreServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    StoreServer.loopbackOnly();
    CommandLine cli = new CommandLine(new HubCommand());
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          // a mistake the user can fix is said in one line; anything else keeps its stack trace
          if (e instanceof IllegalStateException
              || e instanceof IllegalArgumentException
              || e instanceof ConfigException) {
            System.err.println("winback-hub " + command.getCommandName() + ": " + e.getMessage());
            return 1;
          }
          // a route naming a Kamelet by its old name is told the new one, not "Resource not found"
          for (Throwable t = e; t != null; t = t.getCause()) {
            String failed = String.valueOf(t.getMessage());
            String prefix = "Failure creating route from template: ";
            String kamelet =
                failed.startsWith(prefix) ? failed.substring(prefix.length()).trim() : "";
            if (ConfigValidator.renamedKamelet(kamelet).isPresent()) {
              System.err.println(
                  "winback-hub "
                      + command.getCommandName()
                      + ": a route uses the Kamelet '"
                      + kamelet
                      + "', renamed to '"
                      + ConfigValidator.renamedKamelet(kamelet).get()
                      + "': change its uri (validate names the file and line)");
              return 1;
            }
          }
          throw e;
        });
    System.exit(cli.execute(args));
  }
}
