package org.winbackhub.cli;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.winbackhub.model.Masked;
import org.winbackhub.model.OutboxResolution;
import org.winbackhub.store.OutboxResolutions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The outbox's UNCERTAIN messages (maybe sent) and an operator's decision on each. */
@Command(
    name = "outbox",
    header = "Lists and resolves the messages that may or may not have gone.",
    mixinStandardHelpOptions = true,
    description = {
      "The messages the hub may or may not have sent: the hub died while handing them to the SMTP"
          + " server,",
      "or the connection broke after the message went. They are never sent again by themselves;",
      "'outbox uncertain' lists them, 'outbox resolve' records what to do with each"
          + " (docs/RELIABILITY.md)."
    },
    subcommands = {OutboxCommand.Uncertain.class, OutboxCommand.Resolve.class})
final class OutboxCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "uncertain",
      mixinStandardHelpOptions = true,
      description = {
        "Lists the UNCERTAIN messages, oldest first: id, journey/step, recipient (masked), since"
            + " when and why.",
        "Check the SMTP server's or the SMS provider's log for each (by recipient and time), then"
            + " resolve it.",
        "--resolved lists the decisions made instead, latest first, with who and when."
      })
  static final class Uncertain implements Callable<Integer> {
    @Option(names = "--resolved", description = "List the resolved ones: decision, by whom, when.")
    boolean resolved;

    @Mixin OfflineHub hub;

    @Override
    public Integer call() throws Exception {
      return hub.run(
          beans -> {
            OutboxResolutions outbox = beans.get(OutboxResolutions.class);
            return resolved ? printResolved(outbox.resolved()) : printUncertain(outbox.uncertain());
          });
    }

    private static int printUncertain(List<OutboxResolutions.Uncertain> rows) {
      System.out.printf(
          "%-8s %-34s %-26s %-19s %s%n", "id", "journey/step", "recipient", "since", "why");
      for (OutboxResolutions.Uncertain u : rows) {
        System.out.printf(
            "%-8d %-34s %-26s %-19s %s%n",
            u.id(),
            u.journeyId() + "/" + u.stepId(),
            Masked.value(u.recipient()),
            at(u.since()),
            u.why());
      }
      System.out.println(rows.size() + " uncertain");
      return 0;
    }

    private static int printResolved(List<OutboxResolutions.Resolved> rows) {
      System.out.printf(
          "%-8s %-34s %-26s %-10s %-16s %-19s %-10s %s%n",
          "id",
          "journey/step",
          "recipient",
          "decision",
          "by",
          "at",
          "now",
          "was uncertain because");
      for (OutboxResolutions.Resolved r : rows) {
        System.out.printf(
            "%-8d %-34s %-26s %-10s %-16s %-19s %-10s %s%n",
            r.outboxId(),
            r.journeyId() + "/" + r.stepId(),
            Masked.value(r.recipient()),
            r.action(),
            r.by(),
            at(r.at()),
            r.statusNow(),
            r.why());
      }
      System.out.println(rows.size() + " resolved");
      return 0;
    }

    private static String at(Instant t) {
      return t == null ? "" : t.toString().substring(0, 19).replace('T', ' ');
    }
  }

  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = {
        "Resolves UNCERTAIN messages: --resend (it did not arrive: sent again), --mark-sent (it"
            + " arrived),",
        "or --drop (never sent). Recorded with who (--by, default the OS user) and when; a message"
            + " that",
        "is not UNCERTAIN is left as it is, and the command then exits 1."
      })
  static final class Resolve implements Callable<Integer> {
    @Parameters(
        arity = "1..*",
        paramLabel = "ID",
        description = "Outbox message ids, as 'outbox uncertain' lists them.")
    List<Long> ids;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    static final class Decision {
      @Option(
          names = "--resend",
          required = true,
          description = "Back to PENDING: sent again by the running hub.")
      boolean resend;

      @Option(
          names = "--mark-sent",
          required = true,
          description = "SENT, with the contact's sent event.")
      boolean markSent;

      @Option(names = "--drop", required = true, description = "DROPPED: never sent.")
      boolean drop;

      OutboxResolution action() {
        return resend
            ? OutboxResolution.RESEND
            : markSent ? OutboxResolution.MARK_SENT : OutboxResolution.DROP;
      }
    }

    @Option(names = "--by", description = "Who decides (default: the OS user, ${sys:user.name}).")
    String by;

    @Mixin OfflineHub hub;

    @Override
    public Integer call() throws Exception {
      String who =
          by == null || by.isBlank() ? System.getProperty("user.name", "unknown") : by.trim();
      OutboxResolution action = decision.action();
      return hub.run(
          beans -> {
            OutboxResolutions outbox = beans.get(OutboxResolutions.class);
            int refused = 0;
            for (long id : ids) {
              Optional<String> problem = outbox.resolve(id, action, who, Instant.now());
              if (problem.isPresent()) {
                System.err.println(problem.get());
                refused++;
              } else {
                System.out.printf(
                    "outbox %d: %s by %s, now %s%n", id, action, who, action.leadsTo());
              }
            }
            return refused == 0 ? 0 : 1;
          });
    }
  }
}
