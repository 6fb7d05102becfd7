package org.winbackhub.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;

/**
 * What every polled source shares: retries with backoff (committed batches keep their
 * watermarks, so a retry resumes after them), its health check, progress in the log and the
 * {@code hub.sync.rows.read} gauge.
 */
final class SourceRuns {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRuns.class);
  private static final int TRIES = 3;

  private final CamelContext camel;
  private final SourceHealth health;
  private final long firstBackoffMillis;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  SourceRuns(CamelContext camel, SourceHealth health, long firstBackoffMillis) {
    this.camel = camel;
    this.health = health;
    this.firstBackoffMillis = firstBackoffMillis;
  }

  /**
   * Progress of a scheduled sync: a log line every 10 s (rows, rate, what is left when the
   * source tells its total) and the {@code hub.sync.rows.read} and {@code hub.sync.rows.expected}
   * gauges per stream.
   */
  SyncProgress scheduled() {
    ProgressLog log = new ProgressLog(LOG, 10_000);
    return new SyncProgress() {
      @Override
      public void read(String stream, long rows) {
        log.read(stream, rows);
        gauge("hub.sync.rows.read", "rows read by the running or last sync of a source stream", stream).set(rows);
      }

      @Override
      public void total(String stream, long rows) {
        log.total(stream, rows);
        gauge("hub.sync.rows.expected", "rows the running or last sync of a source stream expects to read", stream).set(rows);
      }
    };
  }

  /** Runs a sync, retrying a failure twice with growing pauses; the outcome goes to health. */
  SyncReport withRetries(String sourceId, Supplier<SyncReport> sync) {
    long backoff = firstBackoffMillis;
    for (int attempt = 1; ; attempt++) {
      try {
        SyncReport report = sync.get();
        health.succeeded(sourceId);
        return report;
      } catch (RuntimeException e) {
        if (attempt >= TRIES) {
          health.failed(sourceId, e);
          throw e;
        }
        LOG.warn("sync {} failed (attempt {} of {}), retrying in {} ms: {}", sourceId, attempt, TRIES, backoff, e.getClass().getSimpleName());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoff *= 4;
      }
    }
  }

  /** e.g. hub_sync_rows_read{stream="legacy-crm:contacts"}. */
  private AtomicLong gauge(String name, String description, String stream) {
    return gauges.computeIfAbsent(name + "|" + stream, k -> {
      AtomicLong value = new AtomicLong();
      MeterRegistry registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
      if (registry != null) {
        Gauge.builder(name, value, AtomicLong::get).tag("stream", stream).description(description).register(registry);
      }
      return value;
    });
  }

  /** Logs a stream's progress at most every {@code everyMillis}: rows and rate, never row content. */
  static final class ProgressLog implements SyncProgress {
    private final Logger log;
    private final long everyMillis;
    private long started = System.currentTimeMillis();
    private long last = started;
    private String stream;
    private long total = -1;

    ProgressLog(Logger log, long everyMillis) {
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
          log.info("sync {}: {} of {} rows, {} rows/s, about {} s left", s, rows, total, rate, rate > 0 ? Math.max(0, total - rows) / rate : "?");
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
