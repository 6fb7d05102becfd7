package org.winbackhub.intake;

import java.time.Clock;
import java.util.List;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.store.Database;
import org.winbackhub.store.WatermarkRepository;

/**
 * Takes one batch of an incremental source stream into the store and moves the stream's
 * watermark in the same transaction, so a restart resumes after the last committed batch and
 * never skips one. Shared by every polled source (SQL, Salesforce, shop APIs).
 */
public final class BatchCommit {
  private final ContactIntake intake;
  private final WatermarkRepository watermarks;
  private final Database db;
  private final Clock clock;

  public BatchCommit(ContactIntake intake, WatermarkRepository watermarks, Database db, Clock clock) {
    this.intake = intake;
    this.watermarks = watermarks;
    this.db = db;
    this.clock = clock;
  }

  /** The stored watermark of {@code sourceId:stream}, if the stream was read before. */
  public java.util.Optional<String> watermark(String sourceId, String stream) {
    return watermarks.get(sourceId + ":" + stream);
  }

  /**
   * Commits records, rejections and (when not null) the watermark they reach. The commit may be
   * relaxed (no wait for the WAL flush): a batch lost in a crash loses its watermark with it and
   * is read again.
   */
  public ContactIntake.Result commit(
      String sourceId, String stream, List<SourceRecord> records, List<Rejection> rejections, String reached) {
    return commit(sourceId, stream, records, rejections, new DeletedRows(), reached);
  }

  /** The same with the rows the source marks deleted, applied after the records. */
  public ContactIntake.Result commit(
      String sourceId, String stream, List<SourceRecord> records, List<Rejection> rejections, DeletedRows deleted, String reached) {
    if (records.isEmpty() && rejections.isEmpty() && deleted.isEmpty() && reached == null) {
      return ContactIntake.Result.NONE;
    }
    String mark = sourceId + ":" + stream;
    ContactIntake.Result result =
        db.inTransaction(
            "take in a batch from " + mark,
            c -> {
              intake.relaxCommit(c);
              ContactIntake.Result r = intake.ingest(c, sourceId, records, rejections, deleted);
              if (reached != null) {
                watermarks.set(c, mark, reached, clock.instant());
              }
              return r;
            });
    intake.committed(result);
    return result;
  }
}
