package org.winbackhub.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.winbackhub.store.RejectListing;
import org.winbackhub.store.RejectListing.Listed;
import org.winbackhub.store.RejectListing.ReasonCount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The records the sources refused, counted by source and reason, and the newest one by one. */
@Command(
    name = "rejects",
    header = "Lists the records the sources refused, with counts.",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the records the sources refused (kept in the store with the reason): a count per",
      "source and reason, then the newest ones with file or query, line, record and reason.",
      "Open ones only (not taken in by a later run) unless --all."
    })
final class RejectsCommand implements Callable<Integer> {

  @Option(names = "--source", description = "Only this source (e.g. loyalty, legacy-crm).")
  String source;

  @Option(names = "--all", description = "Also the ones a later run took in (resolved).")
  boolean all;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "How many of the newest to list one by one (default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin OfflineHub hub;

  @Override
  public Integer call() throws Exception {
    return hub.run(
        beans -> {
          RejectListing rejects = beans.get(RejectListing.class);
          List<ReasonCount> counts = rejects.byReason(source, all);
          long total = counts.stream().mapToLong(ReasonCount::count).sum();
          String which = all ? "rejected records" : "open rejected records";
          if (total == 0) {
            System.out.println(
                "no " + which + (source == null ? "" : " from source '" + source + "'"));
            return 0;
          }
          System.out.printf("%d %s%n%n", total, which);
          System.out.printf(
              "%-16s %7s  %-17s %-17s %s%n", "source", "count", "first", "last", "reason");
          for (ReasonCount r : counts) {
            System.out.printf(
                "%-16s %7d  %-17s %-17s %s%n",
                r.source(), r.count(), minute(r.first()), minute(r.last()), r.reason());
          }
          List<Listed> newest = rejects.newest(source, all, limit);
          System.out.printf("%nthe newest %d:%n", newest.size());
          System.out.printf(
              "%-17s %-16s %-40s %-14s %s%n", "at", "source", "where", "record", "reason");
          for (Listed l : newest) {
            System.out.printf(
                "%-17s %-16s %-40s %-14s %s%s%s%n",
                minute(l.at()),
                l.source(),
                l.location() + (l.lineNo() == null ? "" : " line " + l.lineNo()),
                l.recordKey() == null ? "-" : l.recordKey(),
                l.reason(),
                l.recordKept() ? " (record kept, field refused)" : "",
                l.resolvedAt() == null ? "" : " (taken in " + minute(l.resolvedAt()) + ")");
          }
          return 0;
        });
  }

  private static String minute(Instant at) {
    return at == null ? "-" : at.toString().substring(0, 16).replace('T', ' ');
  }
}
