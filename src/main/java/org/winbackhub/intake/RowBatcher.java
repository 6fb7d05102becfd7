package org.winbackhub.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * One stream of a mapped source as {@link MappedSourceSync} reads it: maps each row as it comes,
 * keeps what it could not map with the reason, notes the rows its delete marker reads deleted or
 * live, counts each row for the run's rejection tally, and hands full batches of 2,000 to the
 * {@link BatchWriter} (with the watermark they reach, when the source reads in order).
 */
final class RowBatcher implements RowSource.Rows {
  private static final int BATCH = 2000;

  private final String sourceId;
  private final String stream;
  private final String keyColumn;
  private final String changedColumn;
  private final Function<Map<String, Object>, Mapped> mapper;
  private final boolean ordered;
  BatchWriter writer;
  LongConsumer expected;
  DeletionMarker marker;
  List<SourceRecord> records = new ArrayList<>(BATCH);
  List<Rejection> rejections = new ArrayList<>();
  DeletedRows deleted = new DeletedRows();
  Watermark reached;
  long read;

  /** Where the stream stood before this run; the watermark moves only past it. */
  Watermark stored;

  /** Rows changed after this are new to the run and judged; null: every row is. */
  Watermark judgedAfter;

  RejectionTally tally;

  /** The keys of the batch's rows, while the stream has open rejections to resolve; else null. */
  List<String> keys;

  RowBatcher(
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
    Watermark changed = null;
    try {
      changed = Watermark.of(SqlRowMapper.column(row, changedColumn), changedColumn);
      if (changed.isAfter(reached)) {
        reached = changed;
      }
      List<Rejection> refused = List.of();
      if (marker == null || !marker.note(row, deleted)) {
        Mapped mapped = mapper.apply(row);
        if (mapped.record() != null) {
          records.add(mapped.record());
        }
        refused = mapped.rejections(sourceId, sourceId + " " + stream, null);
        rejections.addAll(refused);
      }
      tally.row(judged(changed), refused.stream().map(Rejection::reason).toList());
    } catch (InvalidFieldException e) {
      String key =
          row.containsKey(keyColumn.split(",")[0].trim().toLowerCase(Locale.ROOT))
              ? SqlRowMapper.key(row, keyColumn)
              : null;
      rejections.add(
          new Rejection(sourceId, sourceId + " " + stream, null, key, e.getMessage(), null));
      tally.row(judged(changed), List.of(e.getMessage()));
    }
    if (keys != null && row.containsKey(keyColumn.split(",")[0].trim().toLowerCase(Locale.ROOT))) {
      String key = SqlRowMapper.key(row, keyColumn);
      if (key != null) {
        keys.add(key);
      }
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

  /**
   * A row without a readable change marker cannot be placed after the watermark: judged only in a
   * read from the start.
   */
  private boolean judged(Watermark changed) {
    return judgedAfter == null || changed != null && changed.isAfter(judgedAfter);
  }

  void flush() {
    if (!records.isEmpty() || !rejections.isEmpty() || !deleted.isEmpty()) {
      Watermark forward = ordered && reached != null && reached.isAfter(stored) ? reached : null;
      writer.submit(
          records, rejections, deleted, forward, read, keys == null ? List.of() : keys, false);
      records = new ArrayList<>(BATCH);
      rejections = new ArrayList<>();
      deleted = new DeletedRows();
      keys = keys == null ? null : new ArrayList<>();
    }
  }
}
