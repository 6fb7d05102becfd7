package org.winbackhub.cli;

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
import org.winbackhub.app.Logs;
import org.winbackhub.intake.RejectedRows;
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
    // the runs' own log lines say what this command prints (the failure, DEGRADED) once more
    Logs.off(SourceRuns.class.getName());
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
      SyncProgressBar bar = SyncProgressBar.forConsole();
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
      if (report.degraded() != null) {
        degraded = true;
        System.out.println(
            "sync "
                + t.sourceId()
                + ": DEGRADED: "
                + report.degraded()
                + " (after a fix: sync --retry-rejected)");
      }
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
}
