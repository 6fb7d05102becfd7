package org.winbackhub.intake.camel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.intake.RejectedRows;
import org.winbackhub.intake.RejectedShare;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;
import org.winbackhub.store.SourceRunRepository;

/**
 * What every polled source shares: each run recorded in {@code source_run}, the verdict on the
 * share of rows rejected (health and a WARN line), progress in the log and the {@code
 * hub.sync.rows.read} gauge. A run is tried once: the scheduled routes retry a failed run through
 * Camel's redelivery (route configuration {@code hub-sources}), each try a run of its own
 * (committed batches keep their watermarks, so a retry resumes after them), and call {@link
 * #exhausted} when the last one failed.
 */
public final class SourceRuns {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRuns.class);
  private static final int REASONS = 3;

  /** The exchange property naming the source a Kamelet's route syncs (set by its template). */
  public static final String SOURCE_PROPERTY = "hubSourceId";

  private final CamelContext camel;
  private final SourceHealth health;
  private final SourceRunRepository store;
  private final Function<String, RejectedShare> maxRejected;
  private final Clock clock;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  /** {@code maxRejected}: the largest share of rejected rows a source's run may have, by source. */
  public SourceRuns(
      CamelContext camel,
      SourceHealth health,
      SourceRunRepository store,
      Function<String, RejectedShare> maxRejected,
      Clock clock) {
    this.camel = camel;
    this.health = health;
    this.store = store;
    this.maxRejected = maxRejected;
    this.clock = clock;
  }

  /**
   * Progress of a scheduled sync: a log line every 10 s (rows, rate, what is left when the source
   * tells its total) and the {@code hub.sync.rows.read} and {@code hub.sync.rows.expected} gauges
   * per stream.
   */
  public SyncProgress scheduled() {
    ProgressLog log = new ProgressLog(LOG, 10_000);
    return new SyncProgress() {
      @Override
      public void read(String stream, long rows) {
        log.read(stream, rows);
        gauge(
                "hub.sync.rows.read",
                "rows read by the running or last sync of a source stream",
                stream)
            .set(rows);
      }

      @Override
      public void total(String stream, long rows) {
        log.total(stream, rows);
        gauge(
                "hub.sync.rows.expected",
                "rows the running or last sync of a source stream expects to read",
                stream)
            .set(rows);
      }
    };
  }

  /**
   * Runs a sync of {@code sourceId} once, as a run recorded in the store (a failure is recorded
   * FAILED with its error's class and thrown: whoever runs it decides on retries), and judges it:
   * when it rejected more than the source's share of the rows new to it, the source is DEGRADED in
   * health, the run says why in its report and one WARN line is logged. A run that judged no row
   * (nothing new since the watermark) leaves the source as its last judged run did, whichever
   * process ran it.
   */
  public SyncReport run(
      String sourceId,
      SyncRun.Scope scope,
      boolean countFirst,
      Function<SyncRun, SyncReport> sync) {
    long id = store.start(sourceId, scope.label(), clock.instant()); // fails when the store is down
    SyncRun run = new SyncRun(id, scope, countFirst);
    SyncReport report;
    try {
      report = sync.apply(run);
    } catch (RuntimeException e) {
      // the class only: a driver's message can quote a row's values
      LOG.warn("sync {} failed (run {}): {}", sourceId, id, e.getClass().getSimpleName());
      // DOWN from the first failed try until a run succeeds, whether or not the calling route
      // names hub-sources (a route that does not is retried by nobody, and must still show it)
      health.failed(sourceId, e);
      try {
        store.finish(id, "FAILED", 0, 0, 0, 0, e.getClass().getSimpleName(), clock.instant());
      } catch (RuntimeException unrecorded) {
        e.addSuppressed(unrecorded);
      }
      throw e;
    }
    return judge(id, sourceId, report);
  }

  private SyncReport judge(long id, String sourceId, SyncReport report) {
    RejectedRows rows = report.rejected();
    RejectedShare max = maxRejected.apply(sourceId);
    String degraded = null;
    String status = "OK";
    String detail = rows.reasons().isEmpty() ? null : rows.topReasons(REASONS);
    if (max.exceededBy(rows)) {
      status = "DEGRADED";
      degraded =
          String.format(
              "%d of %d new rows refused (%s, more than %s): %s",
              rows.rejected(), rows.judged(), rows.sharePercent(), max, rows.topReasons(REASONS));
      detail = degraded;
    } else if (rows.judged() == 0) {
      Optional<SourceRunRepository.Judged> last = store.lastJudged(sourceId, id);
      if (last.isPresent() && last.get().status().equals("DEGRADED")) {
        degraded =
            "as run "
                + last.get().id()
                + " left it, nothing new read since: "
                + last.get().detail();
      }
    }
    store.finish(
        id,
        status,
        report.read(),
        rows.judged(),
        rows.rejected(),
        rows.resolved(),
        detail,
        clock.instant());
    if (degraded == null) {
      health.succeeded(sourceId);
    } else {
      health.degraded(sourceId, degraded);
      LOG.warn("sync {}: DEGRADED: {} (after a fix: sync --retry-rejected)", sourceId, degraded);
    }
    return report.degraded(degraded);
  }

  /**
   * What the {@code hub-sources} route configuration calls once a scheduled run has failed its last
   * redelivery: the source is DOWN in health until a run succeeds, and one ERROR line says so (the
   * error's class only: a driver's message may quote a value). The source is the exchange property
   * {@value #SOURCE_PROPERTY}, set by the source Kamelets before they call their runner.
   */
  public void exhausted(Exchange exchange) {
    Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    if (error == null) {
      error = exchange.getException();
    }
    String sourceId = exchange.getProperty(SOURCE_PROPERTY, String.class);
    String what = error == null ? "unknown error" : error.getClass().getSimpleName();
    if (sourceId == null) {
      LOG.error("route {} of a source failed on its last try: {}", exchange.getFromRouteId(), what);
      return;
    }
    health.failed(sourceId, error == null ? new IllegalStateException("failed") : error);
    LOG.error(
        "sync {} failed on its last try, the source is DOWN until a run succeeds: {}",
        sourceId,
        what);
  }

  /** e.g. hub_sync_rows_read{stream="legacy-crm:contacts"}. */
  private AtomicLong gauge(String name, String description, String stream) {
    return gauges.computeIfAbsent(
        name + "|" + stream,
        k -> {
          AtomicLong value = new AtomicLong();
          MeterRegistry registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
          if (registry != null) {
            Gauge.builder(name, value, AtomicLong::get)
                .tag("stream", stream)
                .description(description)
                .register(registry);
          }
          return value;
        });
  }

  /**
   * Logs a stream's progress at most every {@code everyMillis}: rows and rate, never row content.
   */
  public static final class ProgressLog implements SyncProgress {
    private final Logger log;
    private final long everyMillis;
    private long started = System.currentTimeMillis();
    private long last = started;
    private String stream;
    private long total = -1;

    public ProgressLog(Logger log, long everyMillis) {
      this.log = log;
      this.everyMillis = everyMillis;
    }

    @Override
    public synchronized void total(String s, long rows) {
      start(s);
      total = rows;
    }

    @Override
    public synchronized void read(String s, long rows) {
      start(s);
      long now = System.currentTimeMillis();
      if (now - last >= everyMillis) {
        last = now;
        long rate = rows * 1000 / Math.max(1, now - started);
        if (total > 0) {
          log.info(
              "sync {}: {} of {} rows, {} rows/s, about {} s left",
              s,
              rows,
              total,
              rate,
              rate > 0 ? Math.max(0, total - rows) / rate : "?");
        } else {
          log.info("sync {}: {} rows, {} rows/s", s, rows, rate);
        }
      }
    }

    private void start(String s) {
      if (!s.equals(stream)) {
        long now = System.currentTimeMillis();
        stream = s;
        started = now;
        last = now;
        total = -1;
      }
    }
  }
}
