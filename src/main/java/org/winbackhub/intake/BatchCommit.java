package org.winbackhub.intake;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.store.Database;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.WatermarkRepository;

/**
 * Takes one batch of an incremental source stream into the store and moves the stream's watermark
 * in the same transaction, so a restart resumes after the last committed batch and never skips one.
 * Shared by every polled source (SQL, Salesforce, shop APIs).
 */
public final class BatchCommit {
  private final ContactIntake intake;
  private final WatermarkRepository watermarks;
  private final Database db;
  private final Clock clock;
  private final RejectRepository rejects;

  public BatchCommit(
      ContactIntake intake, WatermarkRepository watermarks, Database db, Clock clock) {
    this.intake = intake;
    this.watermarks = watermarks;
    this.db = db;
    this.clock = clock;
    this.rejects = new RejectRepository(db);
  }

  /** The stored watermark of {@code sourceId:stream}, if the stream was read before. */
  public Optional<String> watermark(String sourceId, String stream) {
    return watermarks.get(sourceId + ":" + stream);
  }

  /**
   * Commits records, rejections and (when not null) the watermark they reach. The commit may be
   * relaxed (no wait for the WAL flush): a batch lost in a crash loses its watermark with it and is
   * read again.
   */
  public ContactIntake.Result commit(
      String sourceId,
      String stream,
      List<SourceRecord> records,
      List<Rejection> rejections,
      String reached) {
    return commit(sourceId, stream, records, rejections, new DeletedRows(), reached);
  }

  /** The same with the rows the source marks deleted, applied after the records. */
  public ContactIntake.Result commit(
      String sourceId,
      String stream,
      List<SourceRecord> records,
      List<Rejection> rejections,
      DeletedRows deleted,
      String reached) {
    return commit(
        SyncRun.untracked(false),
        sourceId,
        stream,
        records,
        rejections,
        deleted,
        reached,
        List.of(),
        new RejectionTally());
  }

  /**
   * Commits a batch of {@code run} as {@link #commit(String, String, List, List, DeletedRows,
   * String)} does, and settles the stream's rejections in the same transaction: each rejection of
   * the batch is open (again), and the open rejections of the other records read under {@code
   * keysRead} are resolved by the run (counted in {@code tally}). Pass no keys when the stream had
   * no open rejection.
   */
  public ContactIntake.Result commit(
      SyncRun run,
      String sourceId,
      String stream,
      List<SourceRecord> records,
      List<Rejection> rejections,
      DeletedRows deleted,
      String reached,
      Collection<String> keysRead,
      RejectionTally tally) {
    if (records.isEmpty() && rejections.isEmpty() && deleted.isEmpty() && reached == null) {
      return ContactIntake.Result.NONE;
    }
    String mark = sourceId + ":" + stream;
    int[] resolved = {0};
    ContactIntake.Result result =
        db.inTransaction(
            "take in a batch from " + mark,
            c -> {
              intake.relaxCommit(c);
              ContactIntake.Result r = intake.ingest(c, sourceId, records, rejections, deleted);
              rejects.confirm(c, rejections, run.id());
              resolved[0] =
                  rejects.resolve(
                      c, sourceId, location(sourceId, stream), keysRead, run.id(), clock.instant());
              if (reached != null) {
                watermarks.set(c, mark, reached, clock.instant());
              }
              return r;
            });
    intake.committed(result);
    tally.resolved(resolved[0]);
    return result;
  }

  /** Where a stream's rejections are kept: {@code "SOURCE STREAM"}. */
  public static String location(String sourceId, String stream) {
    return sourceId + " " + stream;
  }

  /** The streams of {@code sourceId} with open rejections, by location. */
  public Map<String, Long> openRejections(String sourceId) {
    return rejects.openByLocation(sourceId);
  }

  /**
   * After {@code run} read a stream whole from its beginning: resolves the open rejections it did
   * not reject again (their records were taken in, or are gone from the source).
   */
  public void resolveUnseen(SyncRun run, String sourceId, String stream, RejectionTally tally) {
    tally.resolved(
        rejects.resolveUnseen(sourceId, location(sourceId, stream), run.id(), clock.instant()));
  }
}
