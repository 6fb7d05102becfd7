package org.winbackhub.intake.loyalty;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.InvalidFieldException;
import org.winbackhub.intake.Mapped;
import org.winbackhub.intake.StoreRefusals;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * Judges a loyalty file's lines as they are read: a broken line, or one the mapper refuses whole,
 * is a rejection with the file, line and reason; what is left of a line is a record. Holds the rows
 * read and not yet committed and the counts of the file so far, and commits them through intake.
 */
final class LoyaltyBatch {
  private static final int BATCH = 1000;

  /**
   * As much of a line as a rejection keeps (rejected_record.raw): a batch holds no more per row.
   */
  private static final int RAW_KEPT = 2000;

  private final LoyaltyFileFormat format;
  private final LoyaltyRowMapper mapper;
  private final ContactIntake intake;
  final String file;
  final List<SourceRecord> records = new ArrayList<>();
  final List<Rejection> origins = new ArrayList<>();
  final List<Rejection> rejections = new ArrayList<>();
  long lastLine;
  long lines;
  long loaded;
  long rejected;
  long committedLoaded;
  long committedRejected;
  String firstReason;
  ContactIntake.Result changes = ContactIntake.Result.NONE;

  LoyaltyBatch(
      String file, LoyaltyFileFormat format, LoyaltyRowMapper mapper, ContactIntake intake) {
    this.file = file;
    this.format = format;
    this.mapper = mapper;
    this.intake = intake;
  }

  void take(CsvRecords.Record row) {
    lastLine = row.line();
    lines++;
    if (row.broken()) {
      reject(origin(row), row.problem());
      return;
    }
    try {
      Mapped mapped = mapper.map(fields(row.values()));
      if (mapped.record() != null) {
        records.add(mapped.record()); // a line that lost its event still brings its card holder
        origins.add(origin(row));
      }
      List<Rejection> refused = mapped.rejections(format.source(), file, row.line());
      rejections.addAll(refused);
      if (mapped.lost()) {
        rejected++;
        firstReason =
            firstReason != null || refused.isEmpty()
                ? firstReason
                : "line " + row.line() + ": " + refused.get(0).reason();
      } else {
        loaded++;
      }
    } catch (InvalidFieldException e) {
      reject(origin(row), e.getMessage());
    } catch (RuntimeException e) {
      // whatever else the mapper throws costs the row, not the file; its message may hold the value
      reject(origin(row), "row: cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  void reject(Rejection origin, String reason) {
    rejections.add(StoreRefusals.withReason(origin, reason));
    rejected++;
    firstReason = firstReason != null ? firstReason : "line " + origin.lineNo() + ": " + reason;
  }

  void refused(Rejection r) {
    loaded--;
    rejected++;
    firstReason = firstReason != null ? firstReason : "line " + r.lineNo() + ": " + r.reason();
  }

  boolean full() {
    return records.size() + rejections.size() >= BATCH;
  }

  /** Commits the rows held; {@code end} is the write that ends the file, or null mid-file. */
  void commit(StoreRefusals.Writer end) {
    StoreRefusals.Writer write =
        (recs, rejs, last) ->
            last && end != null
                ? end.write(recs, rejs, true)
                : intake.ingest(format.source(), recs, rejs);
    changes = changes.plus(StoreRefusals.write(records, origins, rejections, this::refused, write));
    committedLoaded = loaded;
    committedRejected = rejected;
    records.clear();
    origins.clear();
    rejections.clear();
  }

  Rejection origin(CsvRecords.Record row) {
    int keyIndex = format.columns().indexOf("card_id");
    List<String> values = row.values();
    String key =
        values != null && keyIndex < values.size() && !values.get(keyIndex).isBlank()
            ? values.get(keyIndex)
            : null;
    String raw = row.raw().length() <= RAW_KEPT ? row.raw() : row.raw().substring(0, RAW_KEPT);
    return new Rejection(format.source(), file, row.line(), key, null, raw);
  }

  private Map<String, String> fields(List<String> values) {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      fields.put(format.columns().get(i), values.get(i));
    }
    return fields;
  }
}
