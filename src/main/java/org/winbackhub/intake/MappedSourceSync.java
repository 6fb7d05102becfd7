package org.winbackhub.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * Syncs one mapped source (a SQL CRM, a shop database, Salesforce) into the store: contacts
 * first, then leads, then each events query. Rows are streamed from the {@link RowSource} and
 * taken in by batches on a writer thread; each batch moves the stream's watermark in the same
 * transaction, so a restart resumes where the last committed batch ended. Queries read from the
 * watermark minus an overlap with {@code >=}: rows sharing the last timestamp, or committed late by
 * a long source transaction, are read again and deduplicated instead of missed. A source that
 * reads unordered (a bulk export) moves the watermark once, at the end of the stream. A query with
 * a delete marker reads deleted rows too; they are applied in their batch ({@link DeletedRows}).
 */
public final class MappedSourceSync {
  private static final int BATCH = 2000;

  private final BatchCommit batches;
  private final FieldRules rules;
  private final java.time.ZoneId zone;
  private final String currency;
  private final Duration overlap;

  public MappedSourceSync(
      BatchCommit batches,
      FieldRules rules,
      java.time.ZoneId zone,
      String currency,
      Duration overlap) {
    this.batches = batches;
    this.rules = rules;
    this.zone = zone;
    this.currency = currency;
    this.overlap = overlap;
  }

  public SyncReport sync(String sourceId, RowSource source, SourceMapping mapping, SyncProgress progress) {
    return sync(sourceId, source, mapping, progress, false);
  }

  /** As above; with {@code countFirst}, each stream's rows are counted before they are read. */
  public SyncReport sync(String sourceId, RowSource source, SourceMapping mapping, SyncProgress progress, boolean countFirst) {
    long started = System.nanoTime();
    SqlRowMapper mapper = new SqlRowMapper(sourceId, zone, currency, rules);
    Counter total = new Counter();
    for (Map.Entry<String, SourceMapping.ContactQuery> e : mapping.contactQueries().entrySet()) {
      SourceMapping.ContactQuery cq = e.getValue();
      stream(sourceId, source, e.getKey(), cq.query(), cq.key(), cq.changed(), row -> mapper.contact(cq, row), DeletionMarker.of(cq),
          progress, countFirst, total);
    }
    for (SourceMapping.EventQuery eq : mapping.events()) {
      stream(sourceId, source, eq.stream(), eq.query(), eq.key(), eq.changed(), row -> mapper.event(eq, row), DeletionMarker.of(eq),
          progress, countFirst, total);
    }
    return new SyncReport(sourceId, total.read, total.changes, Duration.ofNanos(System.nanoTime() - started));
  }

  private static final class Counter {
    long read;
    ContactIntake.Result changes = ContactIntake.Result.NONE;
  }

  private void stream(
      String sourceId,
      RowSource source,
      String stream,
      String query,
      String keyColumn,
      String changedColumn,
      Function<Map<String, Object>, Mapped> mapper,
      DeletionMarker marker,
      SyncProgress progress,
      boolean countFirst,
      Counter total) {
    String mark = sourceId + ":" + stream;
    Watermark stored = batches.watermark(sourceId, stream).map(Watermark::parse).orElse(Watermark.START);
    Watermark from = stored.equals(Watermark.START) ? stored : stored.minus(overlap);
    // a first load is long: count its rows (where the source can) so progress shows what is left
    if (countFirst || from.equals(Watermark.START)) {
      long rows = source.count(query, from);
      if (rows >= 0) {
        progress.total(mark, rows);
      }
    }
    boolean ordered = source.ordered(from);
    Reader reader = new Reader(sourceId, stream, keyColumn, changedColumn, mapper, ordered);
    reader.marker = marker;
    reader.expected = rows -> progress.total(mark, rows);
    try (Writer writer = new Writer(sourceId, stream, mark, progress)) {
      reader.writer = writer;
      if (marker == null) {
        source.read(query, from, reader);
      } else {
        source.readWithDeleted(query, from, reader);
      }
      reader.flush();
      if (!ordered && reader.reached != null && reader.reached.isAfter(stored)) {
        writer.submit(List.of(), List.of(), new DeletedRows(), reader.reached, reader.read, true);
      } else if (stored.equals(Watermark.START) && reader.reached == null) {
        writer.submit(List.of(), List.of(), new DeletedRows(), Watermark.LOADED_EMPTY, reader.read, true);
      }
      total.changes = total.changes.plus(writer.finish());
    }
    total.read += reader.read;
  }

  /** Maps each row as it comes, keeps what it could not map with the reason, and hands on full batches. */
  private static final class Reader implements RowSource.Rows {
    private final String sourceId;
    private final String stream;
    private final String keyColumn;
    private final String changedColumn;
    private final Function<Map<String, Object>, Mapped> mapper;
    private final boolean ordered;
    Writer writer;
    java.util.function.LongConsumer expected;
    DeletionMarker marker;
    List<SourceRecord> records = new ArrayList<>(BATCH);
    List<Rejection> rejections = new ArrayList<>();
    DeletedRows deleted = new DeletedRows();
    Watermark reached;
    long read;

    Reader(
        String sourceId,
        String stream,
        String keyColumn,
        String changedColumn,
        Function<Map<String, Object>, Mapped> mapper,
        boolean ordered) {
      this.sourceId = sourceId;
      this.stream = stream;
      this.keyColumn = keyColumn;
      this.changedColumn = changedColumn;
      this.mapper = mapper;
      this.ordered = ordered;
    }

    @Override
    public void accept(Map<String, Object> row) {
      read++;
      try {
        Watermark changed = Watermark.of(SqlRowMapper.column(row, changedColumn), changedColumn);
        if (changed.isAfter(reached)) {
          reached = changed;
        }
        if (marker == null || !marker.note(row, deleted)) {
          Mapped mapped = mapper.apply(row);
          if (mapped.record() != null) {
            records.add(mapped.record());
          }
          rejections.addAll(mapped.rejections(sourceId, sourceId + " " + stream, null));
        }
      } catch (InvalidFieldException e) {
        String key = row.containsKey(keyColumn.split(",")[0].trim().toLowerCase(Locale.ROOT)) ? SqlRowMapper.key(row, keyColumn) : null;
        rejections.add(new Rejection(sourceId, sourceId + " " + stream, null, key, e.getMessage(), null));
      }
      if (records.size() + rejections.size() + deleted.size() >= BATCH) {
        flush();
      }
    }

    @Override
    public void expect(long total) {
      if (total >= 0) {
        expected.accept(total);
      }
    }

    void flush() {
      if (!records.isEmpty() || !rejections.isEmpty() || !deleted.isEmpty()) {
        writer.submit(records, rejections, deleted, ordered ? reached : null, read, false);
        records = new ArrayList<>(BATCH);
        rejections = new ArrayList<>();
        deleted = new DeletedRows();
      }
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

    /** Queues a batch; {@code always} commits even an empty one (to move the watermark alone). */
    void submit(List<SourceRecord> records, List<Rejection> rejections, DeletedRows deleted, Watermark reached, long read, boolean always) {
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
                      records.isEmpty() && rejections.isEmpty() && deleted.isEmpty() && !always
                          ? ContactIntake.Result.NONE
                          : batches.commit(sourceId, stream, records, rejections, deleted, reached == null ? null : reached.stored());
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
