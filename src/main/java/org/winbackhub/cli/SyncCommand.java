package org.winbackhub.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.URISupport;
import org.slf4j.LoggerFactory;
import org.winbackhub.intake.RejectedRows;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;
import org.winbackhub.intake.camel.SourceRoutes;
import org.winbackhub.intake.camel.SourceRunner;
import org.winbackhub.intake.camel.SourceRuns;
import org.winbackhub.store.RejectRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs one source once: a first full load, a catch-up, a full re-read or a retry of rejected rows,
 * with progress.
 */
@Command(
    name = "sync",
    header = "Runs one polled source once, now.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one source once, now, as its route would on its schedule: the first full load of a",
      "large source, or a catch-up after downtime. The source is the route 'source-NAME' in",
      "routes/sources/. Shows a progress bar on a terminal and ends with a one-line summary and",
      "the most frequent rejection reasons.",
      "Nothing else is started; run it while the service is stopped or against the same store.",
      "A failed run is not retried (the scheduled route retries, this command fails at once):",
      "what it committed is kept, so running it again resumes after the last committed batch.",
      "Exit codes: 0 done; 1 failed; 2 no such source (or wrong options); 3 done, but more than",
      "hub.sources.max-rejected-share (5 %) of the rows new to the run were rejected."
    })
final class SyncCommand implements Callable<Integer> {
  static final int FAILED = 1;
  static final int NO_SUCH_SOURCE = 2;
  static final int DEGRADED = 3;
  private static final int REASONS = 5;

  @Option(
      names = {"-s", "--source"},
      description =
          "The source's name: the route id without 'source-'. Required, except with"
              + " --retry-rejected.")
  String source;

  @Option(
      names = "--full",
      description =
          "Read every stream of the source again from its beginning (rows already taken in are not"
              + " taken twice).")
  boolean full;

  @Option(
      names = "--retry-rejected",
      description =
          "After a mapping fix: read again from their beginning the streams holding open"
              + " rejections, of --source or of every polled source that has any.")
  boolean retryRejected;

  @Mixin OfflineHub hub;

  @Option(
      names = "--no-count",
      description = "Do not count the rows to read first (no percentage).")
  boolean noCount;

  /** A source route sync can run: its name, its runner and the Kamelet parameters of its route. */
  private record Target(String name, SourceRunner runner, Map<String, Object> parameters) {
    String sourceId() {
      return String.valueOf(parameters.get("sourceId"));
    }
  }

  @Override
  public Integer call() throws Exception {
    if (full && retryRejected) {
      System.err.println(
          "sync: --full reads everything, --retry-rejected only what was rejected: choose one");
      return NO_SUCH_SOURCE;
    }
    if (source == null && !retryRejected) {
      System.err.println(
          "sync: which source? --source NAME (or --retry-rejected for every source with open"
              + " rejections)");
      return NO_SUCH_SOURCE;
    }
    if (source != null) {
      // refuse an unknown source before the hub starts, when the route files say enough
      Optional<Map<String, SourceRoutes.Route>> routes =
          SourceRoutes.read(Path.of(""), hub.profile);
      if (routes.isPresent() && !routes.get().containsKey(source)) {
        System.err.println(
            "no route 'source-"
                + source
                + "' in routes/: the sources sync can run are "
                + SourceRoutes.runnable(routes.get()));
        return NO_SUCH_SOURCE;
      }
      if (routes.isPresent() && !routes.get().get(source).runnable()) {
        System.err.println(
            "source "
                + source
                + " is read by a '"
                + routes.get().get(source).scheme()
                + "' endpoint, not by a polled source's Kamelet; the sources sync can run are "
                + SourceRoutes.runnable(routes.get()));
        return NO_SUCH_SOURCE;
      }
    }
    SyncRun.Scope scope =
        full ? SyncRun.Scope.FULL : retryRejected ? SyncRun.Scope.REJECTED : SyncRun.Scope.CATCH_UP;
    return hub.run(
        beans -> {
          Map<String, Target> runnable = runnable(beans.camel());
          List<Target> targets;
          if (source != null) {
            Target t = runnable.get(source);
            if (t == null) {
              System.err.println(
                  "no route 'source-"
                      + source
                      + "' that sync can run: the sources sync can run are "
                      + runnable.keySet());
              return NO_SUCH_SOURCE;
            }
            targets = List.of(t);
          } else {
            Set<String> open = beans.get(RejectRepository.class).sourcesWithOpen();
            targets = runnable.values().stream().filter(t -> open.contains(t.sourceId())).toList();
            if (targets.isEmpty()) {
              System.out.println(
                  "sync: no polled source has open rejections"
                      + (open.isEmpty()
                          ? ""
                          : " (open rejections of " + open + " are not from a polled source)"));
              return 0;
            }
          }
          return runAll(targets, scope);
        });
  }

  private int runAll(List<Target> targets, SyncRun.Scope scope) {
    boolean failed = false;
    boolean degraded = false;
    for (Target t : targets) {
      ProgressBar bar = new ProgressBar(System.console() != null ? System.err : null);
      SyncReport report;
      try {
        report = t.runner().runOnce(t.parameters(), bar, scope, !noCount);
      } catch (RuntimeException e) {
        bar.done();
        if (targets.size() == 1) {
          throw e;
        }
        System.err.println("sync " + t.name() + " failed: " + e.getMessage());
        failed = true;
        continue;
      }
      bar.done();
      System.out.println(report.line());
      RejectedRows rejected = report.rejected();
      rejected.reasons().stream().limit(REASONS).forEach(r -> System.out.println("  refused " + r));
      degraded |= report.degraded() != null; // said by SourceRuns' WARN line
    }
    return failed ? FAILED : degraded ? DEGRADED : 0;
  }

  /** The routes source-NAME read by a Kamelet that has a runner, by NAME. */
  private static Map<String, Target> runnable(CamelContext camel) {
    Map<String, Target> targets = new LinkedHashMap<>();
    for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
      String id = route.getRouteId();
      String uri = route.getInput().getEndpointUri();
      if (id == null || !id.startsWith("source-") || !uri.startsWith("kamelet:")) {
        continue;
      }
      String kamelet = uri.substring(8).replaceAll("[?/].*", "");
      SourceRunner runner = camel.getRegistry().lookupByNameAndType(kamelet, SourceRunner.class);
      if (runner != null) {
        Map<String, Object> p;
        try {
          p =
              URISupport.parseQuery(
                  camel.resolvePropertyPlaceholders(URISupport.extractQuery(uri)));
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(
              "route " + id + ": unreadable parameters: " + e.getMessage(), e);
        }
        targets.put(id.substring(7), new Target(id.substring(7), runner, p));
      }
    }
    return targets;
  }

  /** One line per stream: a bar on a terminal, a line every 10 s otherwise. */
  static final class ProgressBar implements SyncProgress {
    private final PrintStream terminal;
    private final SourceRuns.ProgressLog log =
        new SourceRuns.ProgressLog(LoggerFactory.getLogger(SyncCommand.class), 10_000);
    private String stream;
    private long total = -1;
    private long started;
    private int shown;

    ProgressBar(PrintStream terminal) {
      this.terminal = terminal;
    }

    @Override
    public void total(String s, long rows) {
      done();
      stream = s;
      total = rows;
      started = System.currentTimeMillis();
      read(s, 0);
    }

    @Override
    public void read(String s, long rows) {
      if (terminal == null) {
        log.read(s, rows);
        return;
      }
      if (!s.equals(stream)) {
        done();
        stream = s;
        total = -1;
        started = System.currentTimeMillis();
      }
      long ms = Math.max(1, System.currentTimeMillis() - started);
      long rate = rows * 1000 / ms;
      String line;
      if (total > 0) {
        int width = 30;
        int filled = (int) Math.min(width, rows * width / total);
        long left = rate > 0 ? (total - rows) / rate : 0;
        line =
            String.format(
                "%-40s [%s%s] %3d%% %,d/%,d rows %,d rows/s, %d s left",
                s,
                "#".repeat(filled),
                " ".repeat(width - filled),
                rows * 100 / total,
                rows,
                total,
                rate,
                left);
      } else {
        line = String.format("%-40s %,d rows %,d rows/s", s, rows, rate);
      }
      terminal.print(overwrite(line, shown));
      terminal.flush();
      shown = line.length();
    }

    /**
     * {@code line} over the one shown before it: a carriage return, and blanks over what was
     * longer.
     */
    static String overwrite(String line, int shownBefore) {
      return "\r" + line + " ".repeat(Math.max(0, shownBefore - line.length()));
    }

    void done() {
      if (terminal != null && stream != null) {
        terminal.println();
      }
      stream = null;
      shown = 0;
    }
  }
}
