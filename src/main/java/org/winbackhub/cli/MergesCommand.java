package org.winbackhub.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.winbackhub.store.MergeRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the merges identity resolution made, and undoes one. */
@Command(
    name = "merges",
    header = "Lists the merges identity resolution made; undoes one.",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the contacts identity resolution merged (same person found in several sources),"
          + " newest",
      "first, with the reason; --undo ID splits a merge again: the merged contact gets its own",
      "references and history back, the survivor the fields it had before."
    })
final class MergesCommand implements Callable<Integer> {

  @Option(names = "--contact", description = "Only merges this contact took part in.")
  Long contact;

  @Option(names = "--undo", description = "Undo the merge with this id.")
  Long undo;

  @Mixin OfflineHub hub;

  @Override
  public Integer call() throws Exception {
    return hub.run(
        beans -> {
          MergeRepository merges = beans.get(MergeRepository.class);
          if (undo != null) {
            if (!merges.undoMerge(undo, Instant.now())) {
              System.err.println("no merge " + undo + " to undo (unknown, or undone already)");
              return 1;
            }
            System.out.println("merge " + undo + " undone");
            return 0;
          }
          List<MergeRepository.MergeRecord> found = merges.merges(contact);
          System.out.printf(
              "%-6s %-9s %-9s %-12s %-22s %s%n",
              "id", "survivor", "merged", "source", "at", "reason");
          for (MergeRepository.MergeRecord m : found) {
            System.out.printf(
                "%-6d %-9d %-9d %-12s %-22s %s%s%n",
                m.id(),
                m.survivorId(),
                m.mergedId(),
                m.source(),
                m.at().toString().substring(0, 19),
                m.reason(),
                m.undoneAt() == null
                    ? ""
                    : " (undone " + m.undoneAt().toString().substring(0, 19) + ")");
          }
          System.out.println(found.size() + " merge" + (found.size() == 1 ? "" : "s"));
          return 0;
        });
  }
}
