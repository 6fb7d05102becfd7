package org.winbackhub.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * Syncs one SQL source (a CRM, a shop database) into the store by its mapping: contacts first,
 * then each events query. Rows are streamed (fetch size, no autocommit) and taken in by batches;
 * each batch moves the stream's watermark in the same transaction, so a restart resumes where the
 * last committed batch ended. Queries read from the watermark minus an overlap with {@code >=}:
 * rows sharing the last timestamp, or committed late by a long source transaction, are read again
 * and deduplicated instead of missed.
 */
public final class SqlSourceSync {
  private static final Pattern WATERMARK = Pattern.compile("(?<!:):watermark\\b");
  private static final int BATCH = 2000;

  private final BatchCommit batches;
  private final PhoneNormalizer phones;
  private final java.time.ZoneId zone;
  private final String currency;
  private final Duration overlap;

  public SqlSourceSync(
      BatchCommit batches,
      PhoneNormalizer phones,
      java.time.ZoneId zone,
      String currency,
      Duration overlap) {
    this.batches = batches;
    this.phones = phones;
    this.zone = zone;
    this.currency = currency;
    this.overlap = overlap;
  }

  public SyncReport sync(String sourceId, DataSource source, SourceMapping mapping, SyncProgress progress) {
    return sync(sourceId, source, mapping, progress, false);
  }

  /** As above; with {@code countFirst}, each stream's rows are counted before they are read. */
  public SyncReport sync(String sourceId, DataSource source, SourceMapping mapping, SyncProgress progress, boolean countFirst) {

    long started = System.nanoTime();
    SqlRowMapper mapper = new SqlRowMapper(sourceId, zone, currency, phones);
    SourceMapping.ContactQuery cq = mapping.contacts();
    Counter total = new Counter();
    stream(sourceId, source, "contacts", cq.query(), cq.key(), cq.changed(), row -> mapper.contact(cq, row), progress, countFirst, total);
    for (SourceMapping.EventQuery eq : mapping.events()) {
      stream(sourceId, source, eq.stream(), eq.query(), eq.key(), eq.changed(), row -> mapper.event(eq, row), progress, countFirst, total);
    }
    return new SyncReport(sourceId, total.read, total.changes, Duration.ofNanos(System.nanoTime() - started));
  }

  private static final class Counter {
    long read;
    ContactIntake.Result changes = ContactIntake.Result.NONE;
  }

  private void stream(
      String sourceId,
      DataSource source,
      String stream,
      String sql,
      String keyColumn,
      String changedColumn,
      Function<Map<String, Object>, SourceRecord> mapper,
      SyncProgress progress,
      boolean countFirst,
      Counter total) {
    String mark = sourceId + ":" + stream;
    Watermark from = batches.watermark(sourceId, stream).map(Watermark::parse).orElse(Watermark.START);
    if (from != Watermark.START) {
      from = from.minus(overlap);
    }
    Matcher m = WATERMARK.matcher(sql);
    int params = 0;
    while (m.find()) {
      params++;
    }
    String jdbcSql = WATERMARK.matcher(sql).replaceAll("?");
    if (countFirst) {
      progress.total(mark, count(source, jdbcSql, params, from));
    }
    List<SourceRecord> records = new ArrayList<>(BATCH);
    List<Rejection> rejections = new ArrayList<>();
    Watermark reached = null;
    long read = 0;
    Writer writer = new Writer(sourceId, stream, mark, progress);
    try (writer; Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (PreparedStatement ps = c.prepareStatement(jdbcSql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(BATCH);
        for (int i = 1; i <= params; i++) {
          ps.setObject(i, from.bindValue());
        }
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData meta = rs.getMetaData();
          String[] labels = new String[meta.getColumnCount()];
          boolean[] withZone = new boolean[labels.length];
          for (int i = 0; i < labels.length; i++) {
            labels[i] = meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
            withZone[i] = JdbcValues.hasTimeZone(meta.getColumnType(i + 1), meta.getColumnTypeName(i + 1));
          }
          while (rs.next()) {
            Map<String, Object> row = new HashMap<>(labels.length * 2);
            for (int i = 0; i < labels.length; i++) {
              // an instant column read as an instant: a java.sql.Timestamp would pass through the
              // JVM's zone and shift by its offset from the hub's
              row.put(labels[i], withZone[i] ? rs.getObject(i + 1, OffsetDateTime.class) : rs.getObject(i + 1));
            }
            read++;
            try {
              // a row without a usable change marker is rejected like any bad row; the rest go on
              Watermark changed = Watermark.of(SqlRowMapper.column(row, changedColumn), changedColumn);
              if (changed.isAfter(reached)) {
                reached = changed;
              }
              records.add(mapper.apply(row));
            } catch (InvalidFieldException e) {
              Object key = row.get(keyColumn.toLowerCase(Locale.ROOT));
              rejections.add(new Rejection(sourceId, sourceId + " " + stream, null, key == null ? null : key.toString(), e.getMessage(), null));
            }
            if (records.size() + rejections.size() >= BATCH) {
              writer.submit(records, rejections, reached, read);
              records = new ArrayList<>(BATCH);
              rejections = new ArrayList<>();
            }
          }
        }
      } finally {
        c.rollback();
      }
      writer.submit(records, rejections, reached, read);
      total.changes = total.changes.plus(writer.finish());
    } catch (SQLException e) {
      throw new IllegalStateException("source " + sourceId + ", " + stream + " query failed: " + e.getMessage(), e);
    }
    total.read += read;
  }

  private static long count(DataSource source, String jdbcSql, int params, Watermark from) {
    try (Connection c = source.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (" + jdbcSql + ") rows_to_read")) {
      for (int i = 1; i <= params; i++) {
        ps.setObject(i, from.bindValue());
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("counting rows to read failed: " + e.getMessage(), e);
    }
  }

  /**
   * Writes batches into the store on one thread of its own while the source is read on the
   * caller's, in order, with at most two batches waiting: bounded memory, and the watermark only
   * ever moves past batches that were committed. After a failed batch nothing more is written.
   */
  private final class Writer implements AutoCloseable {
    private final String sourceId;
    private final String stream;
    private final String mark;
    private final SyncProgress progress;
    private final java.util.concurrent.ExecutorService thread;
    private final java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(2);
    private final List<java.util.concurrent.Future<ContactIntake.Result>> pending = new ArrayList<>();
    private volatile boolean failed;

    Writer(String sourceId, String stream, String mark, SyncProgress progress) {
      this.sourceId = sourceId;
      this.stream = stream;
      this.mark = mark;
      this.progress = progress;
      this.thread =
          java.util.concurrent.Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "sync-" + mark);
                t.setDaemon(true);
                return t;
              });
    }

    void submit(List<SourceRecord> records, List<Rejection> rejections, Watermark reached, long read) {
      try {
        room.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("sync of " + mark + " interrupted", e);
      }
      pending.add(
          thread.submit(
              () -> {
                try {
                  if (failed) {
                    return ContactIntake.Result.NONE;
                  }
                  ContactIntake.Result r =
                      records.isEmpty() && rejections.isEmpty()
                          ? ContactIntake.Result.NONE
                          : batches.commit(sourceId, stream, records, rejections, reached == null ? null : reached.stored());
                  progress.read(mark, read);
                  return r;
                } catch (RuntimeException e) {
                  failed = true;
                  throw e;
                } finally {
                  room.release();
                }
              }));
      if (failed) {
        finish();
      }
    }

    /** Waits for every batch; returns what they changed, or throws the first failure. */
    ContactIntake.Result finish() {
      ContactIntake.Result sum = ContactIntake.Result.NONE;
      for (var f : pending) {
        try {
          sum = sum.plus(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("sync of " + mark + " interrupted", e);
        }
      }
      pending.clear();
      return sum;
    }

    @Override
    public void close() {
      thread.shutdownNow();
    }
  }
}
