package org.winbackhub.intake;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Syncs one mapped source (a SQL CRM, a shop database, Salesforce) into the store: contacts first,
 * then leads, then each events query. Rows are streamed from the {@link RowSource} and taken in by
 * batches on a writer thread; each batch moves the stream's watermark in the same transaction, so a
 * restart resumes where the last committed batch ended. Queries read from the watermark minus an
 * overlap with {@code >=}: rows sharing the last timestamp, or committed late by a long source
 * transaction, are read again and deduplicated instead of missed. A source that reads unordered (a
 * bulk export) moves the watermark once, at the end of the stream. A query with a delete marker
 * reads deleted rows too; they are applied in their batch ({@link DeletedRows}). A watermark never
 * moves back: a full re-read or a retry ({@link SyncRun}) reads from the beginning and leaves it
 * where a catch-up would. A stream with open rejections settles them as it reads: a record read
 * again and taken in resolves its record's rejections, and a stream read whole from its beginning
 * resolves those of records it no longer holds.
 */
public final class MappedSourceSync {
  private final BatchCommit batches;
  private final FieldRules rules;
  private final ZoneId zone;
  private final String currency;
  private final Duration overlap;

  public MappedSourceSync(
      BatchCommit batches, FieldRules rules, ZoneId zone, String currency, Duration overlap) {
    this.batches = batches;
    this.rules = rules;
    this.zone = zone;
    this.currency = currency;
    this.overlap = overlap;
  }

  public SyncReport sync(
      String sourceId, RowSource source, SourceMapping mapping, SyncProgress progress) {
    return sync(sourceId, source, mapping, progress, SyncRun.untracked(false));
  }

  /** As above; with {@code countFirst}, each stream's rows are counted before they are read. */
  public SyncReport sync(
      String sourceId,
      RowSource source,
      SourceMapping mapping,
      SyncProgress progress,
      boolean countFirst) {
    return sync(sourceId, source, mapping, progress, SyncRun.untracked(countFirst));
  }

  /**
   * As above, as {@code run}: a catch-up, a full re-read, or a re-read of the streams with open
   * rejections.
   */
  public SyncReport sync(
      String sourceId,
      RowSource source,
      SourceMapping mapping,
      SyncProgress progress,
      SyncRun run) {
    long started = System.nanoTime();
    SqlRowMapper mapper = new SqlRowMapper(sourceId, zone, currency, rules);
    Counter total = new Counter(run, batches.openRejections(sourceId).keySet());
    for (Map.Entry<String, SourceMapping.ContactQuery> e : mapping.contactQueries().entrySet()) {
      SourceMapping.ContactQuery cq = e.getValue();
      stream(
          sourceId,
          source,
          e.getKey(),
          cq.query(),
          cq.key(),
          cq.changed(),
          row -> mapper.contact(cq, row),
          DeletionMarker.of(cq),
          progress,
          total);
    }
    for (SourceMapping.EventQuery eq : mapping.events()) {
      stream(
          sourceId,
          source,
          eq.stream(),
          eq.query(),
          eq.key(),
          eq.changed(),
          row -> mapper.event(eq, row),
          DeletionMarker.of(eq),
          progress,
          total);
    }
    return new SyncReport(
        sourceId,
        total.read,
        total.changes,
        Duration.ofNanos(System.nanoTime() - started),
        total.tally.summary());
  }

  private static final class Counter {
    final SyncRun run;
    final Set<String> openLocations;
    final RejectionTally tally = new RejectionTally();
    long read;
    ContactIntake.Result changes = ContactIntake.Result.NONE;

    Counter(SyncRun run, Set<String> openLocations) {
      this.run = run;
      this.openLocations = openLocations;
    }
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
      Counter total) {
    boolean open = total.openLocations.contains(BatchCommit.location(sourceId, stream));
    if (!total.run.reads(open)) {
      return;
    }
    String mark = sourceId + ":" + stream;
    Watermark stored =
        batches.watermark(sourceId, stream).map(Watermark::parse).orElse(Watermark.START);
    Watermark from =
        stored.equals(Watermark.START) || total.run.fromStart()
            ? Watermark.START
            : stored.minus(overlap);
    // a first load is long: count its rows (where the source can) so progress shows what is left
    if (total.run.countFirst() || from.equals(Watermark.START)) {
      long rows = source.count(query, from);
      if (rows >= 0) {
        progress.total(mark, rows);
      }
    }
    boolean ordered = source.ordered(from);
    RowBatcher reader = new RowBatcher(sourceId, stream, keyColumn, changedColumn, mapper, ordered);
    reader.marker = marker;
    reader.expected = rows -> progress.total(mark, rows);
    reader.stored = stored;
    reader.judgedAfter = from.equals(Watermark.START) ? null : stored;
    reader.tally = total.tally;
    reader.keys = open ? new ArrayList<>() : null;
    try (BatchWriter writer =
        new BatchWriter(batches, sourceId, stream, mark, progress, total.run, total.tally)) {
      reader.writer = writer;
      if (marker == null) {
        source.read(query, from, reader);
      } else {
        source.readWithDeleted(query, from, reader);
      }
      reader.flush();
      if (!ordered && reader.reached != null && reader.reached.isAfter(stored)) {
        writer.submit(
            List.of(), List.of(), new DeletedRows(), reader.reached, reader.read, List.of(), true);
      } else if (stored.equals(Watermark.START) && reader.reached == null) {
        writer.submit(
            List.of(),
            List.of(),
            new DeletedRows(),
            Watermark.LOADED_EMPTY,
            reader.read,
            List.of(),
            true);
      }
      total.changes = total.changes.plus(writer.finish());
    }
    if (open && from.equals(Watermark.START)) {
      batches.resolveUnseen(total.run, sourceId, stream, total.tally);
    }
    total.read += reader.read;
  }
}
