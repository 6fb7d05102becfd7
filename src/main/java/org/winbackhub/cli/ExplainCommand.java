package org.winbackhub.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.winbackhub.segment.Explainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Tells why a contact is in its segment, in plain words. */
@Command(
    name = "explain",
    header = "Tells why a contact is in its segment.",
    mixinStandardHelpOptions = true,
    description = {
      "Tells why a contact is in its segment: the decisive rule, the facts, the thresholds, their",
      "purchase rhythm, what the purchase model says, the value score part by part, treatment,",
      "email sunset, the history of segments and the contact's journeys (each run, where it",
      "stands and why). As of the last cycle's classification."
    })
final class ExplainCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "CONTACT",
      description = "The contact's id or email address.")
  String who;

  @Mixin OfflineHub hub;

  @Mixin AsOfOption asOf;

  @Override
  public Integer call() throws Exception {
    return hub.run(
        asOf.properties(),
        beans -> {
          Optional<Explainer.Explanation> e = beans.get(Explainer.class).explain(who);
          if (e.isEmpty()) {
            System.err.println(
                "no classified contact '"
                    + who
                    + "' (unknown, merged away, or no cycle has run yet)");
            return 1;
          }
          System.out.print(e.get().text());
          return 0;
        });
  }
}
