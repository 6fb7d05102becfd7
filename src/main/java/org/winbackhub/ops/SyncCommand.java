package org.winbackhub.ops;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.URISupport;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one source once: a first full load, or a catch-up, with progress. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one source once, now, as its route would on its schedule: the first full load of a",
      "large source, or a catch-up after downtime. The source is the route 'source-NAME' in",
      "routes/sources/. Shows a progress bar on a terminal and ends with a one-line summary.",
      "Nothing else is started; run it while the service is stopped or against the same store."
    })
final class SyncCommand implements Callable<Integer> {

  @Option(names = {"-s", "--source"}, required = true, description = "The source's name: the route id without 'source-'.")
  String source;

  @Option(names = {"-p", "--profile"}, description = "Configuration profile, e.g. prod.")
  String profile;

  @Option(names = "--no-count", description = "Do not count the rows to read first (no percentage).")
  boolean noCount;

  @Override
  public Integer call() throws Exception {
    return HubApplication.offline(profile, camel -> {
      RouteDefinition route = ((ModelCamelContext) camel).getRouteDefinition("source-" + source);
      if (route == null) {
        System.err.println("no route 'source-" + source + "' in routes/: sources are "
            + ((ModelCamelContext) camel).getRouteDefinitions().stream().map(RouteDefinition::getRouteId)
                .filter(id -> id.startsWith("source-")).map(id -> id.substring(7)).toList());
        return 2;
      }
      String uri = route.getInput().getEndpointUri();
      String kamelet = uri.startsWith("kamelet:") ? uri.substring(8).replaceAll("[?/].*", "") : null;
      SourceRunner runner = kamelet == null ? null : camel.getRegistry().lookupByNameAndType(kamelet, SourceRunner.class);
      if (runner == null) {
        System.err.println("source " + source + " is read by " + uri.replaceAll("\\?.*", "")
            + "; sync runs the polled sources (the Kamelets " + camel.getRegistry().findByTypeWithName(SourceRunner.class).keySet().stream().sorted().toList() + ")");
        return 2;
      }
      Map<String, Object> p = URISupport.parseQuery(camel.resolvePropertyPlaceholders(URISupport.extractQuery(uri)));
      ProgressBar bar = new ProgressBar(System.console() != null ? System.err : null);
      SyncReport report = runner.runOnce(p, bar, !noCount);
      bar.done();
      System.out.println(report.line());
      return 0;
    });
  }

  /** One line per stream: a bar on a terminal, a line every 10 s otherwise. */
  static final class ProgressBar implements SyncProgress {
    private final PrintStream terminal;
    private final SourceRuns.ProgressLog log = new SourceRuns.ProgressLog(org.slf4j.LoggerFactory.getLogger(SyncCommand.class), 10_000);
    private String stream;
    private long total = -1;
    private long started;

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
        line = String.format("%-40s [%s%s] %3d%% %,d/%,d rows %,d rows/s, %d s left",
            s, "#".repeat(filled), " ".repeat(width - filled), rows * 100 / total, rows, total, rate, left);
      } else {
        line = String.format("%-40s %,d rows %,d rows/s", s, rows, rate);
      }
      terminal.print("\r" + line);
      terminal.flush();
    }

    void done() {
      if (terminal != null && stream != null) {
        terminal.println();
      }
      stream = null;
    }
  }
}
