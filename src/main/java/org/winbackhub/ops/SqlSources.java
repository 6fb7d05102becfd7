package org.winbackhub.ops;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.intake.SourceMapping;
import org.winbackhub.intake.SqlSourceSync;

/**
 * What the crm-jdbc-source Kamelet calls: finds the source's DataSource bean and mapping file by
 * name, and syncs it, logging progress of long runs.
 */
public final class SqlSources {
  private static final Logger LOG = LoggerFactory.getLogger(SqlSources.class);

  private static final int TRIES = 3;

  private final CamelContext camel;
  private final SqlSourceSync sync;
  private final Path home;
  private final SourceHealth health;
  private final long firstBackoffMillis;

  SqlSources(CamelContext camel, SqlSourceSync sync, Path home, SourceHealth health, long firstBackoffMillis) {
    this.camel = camel;
    this.sync = sync;
    this.home = home;
    this.health = health;
    this.firstBackoffMillis = firstBackoffMillis;
  }

  private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> gauges = new java.util.concurrent.ConcurrentHashMap<>();

  /** What the Kamelet calls on its schedule: progress goes to the log and to metrics. */
  public SqlSourceSync.Report sync(String sourceId, String dataSource, String mapping) {
    ProgressLog log = new ProgressLog(LOG, 10_000);
    return sync(sourceId, dataSource, mapping, (stream, rows) -> {
      log.read(stream, rows);
      gauge(stream).set(rows);
    }, false);
  }

  /** hub_sync_rows_read{stream="legacy-crm:contacts"}: rows read by the running (or last) sync. */
  private java.util.concurrent.atomic.AtomicLong gauge(String stream) {
    return gauges.computeIfAbsent(stream, s -> {
      java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();
      io.micrometer.core.instrument.MeterRegistry registry =
          camel.getRegistry().findSingleByType(io.micrometer.core.instrument.MeterRegistry.class);
      if (registry != null) {
        io.micrometer.core.instrument.Gauge.builder("hub.sync.rows.read", value, java.util.concurrent.atomic.AtomicLong::get)
            .tag("stream", s)
            .description("rows read by the running or last sync of a source stream")
            .register(registry);
      }
      return value;
    });
  }

  SqlSourceSync.Report sync(
      String sourceId, String dataSource, String mapping, SqlSourceSync.Progress progress, boolean countFirst) {
    String name = dataSource.startsWith("#bean:") ? dataSource.substring(6) : dataSource.replaceFirst("^#", "");
    DataSource ds = camel.getRegistry().lookupByNameAndType(name, DataSource.class);
    if (ds == null) {
      throw new IllegalArgumentException("source " + sourceId + ": no DataSource bean named '" + name + "'");
    }
    SourceMapping m = SourceMapping.load(home.resolve(mapping).normalize());
    long backoff = firstBackoffMillis;
    for (int attempt = 1; ; attempt++) {
      try {
        SqlSourceSync.Report report = sync.sync(sourceId, ds, m, progress, countFirst);
        health.succeeded(sourceId);
        return report;
      } catch (RuntimeException e) {
        // committed batches keep their watermarks: a retry resumes after them
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

  /** Logs a stream's progress at most every {@code everyMillis}: rows and rate, never row content. */
  static final class ProgressLog implements SqlSourceSync.Progress {
    private final Logger log;
    private final long everyMillis;
    private long started = System.currentTimeMillis();
    private long last = started;
    private String stream;

    ProgressLog(Logger log, long everyMillis) {
      this.log = log;
      this.everyMillis = everyMillis;
    }

    @Override
    public void read(String s, long rows) {
      long now = System.currentTimeMillis();
      if (!s.equals(stream)) {
        stream = s;
        started = now;
        last = now;
      }
      if (now - last >= everyMillis) {
        last = now;
        log.info("sync {}: {} rows, {} rows/s", s, rows, rows * 1000 / Math.max(1, now - started));
      }
    }
  }
}
