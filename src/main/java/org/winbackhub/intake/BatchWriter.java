package org.winbackhub.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * Writes batches into the store on one thread of its own while the source is read on the caller's,
 * in order, with at most two batches waiting: bounded memory, and the watermark only ever moves
 * past batches that were committed. After a failed batch nothing more is written.
 */
final class BatchWriter implements AutoCloseable {
  private final BatchCommit batches;
  private final String sourceId;
  private final String stream;
  private final String mark;
  private final SyncProgress progress;
  private final SyncRun run;
  private final RejectionTally tally;
  private final ExecutorService thread;
  private final Semaphore room = new Semaphore(2);
  private final List<Future<ContactIntake.Result>> pending = new ArrayList<>();
  private volatile boolean failed;

  BatchWriter(
      BatchCommit batches,
      String sourceId,
      String stream,
      String mark,
      SyncProgress progress,
      SyncRun run,
      RejectionTally tally) {
    this.batches = batches;
    this.sourceId = sourceId;
    this.stream = stream;
    this.mark = mark;
    this.progress = progress;
    this.run = run;
    this.tally = tally;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sync-" + mark);
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues a batch; {@code always} commits even an empty one (to move the watermark alone). */
  void submit(
      List<SourceRecord> records,
      List<Rejection> rejections,
      DeletedRows deleted,
      Watermark reached,
      long read,
      List<String> keys,
      boolean always) {
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
                        : batches.commit(
                            run,
                            sourceId,
                            stream,
                            records,
                            rejections,
                            deleted,
                            reached == null ? null : reached.stored(),
                            keys,
                            tally);
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
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re
            ? re
            : new IllegalStateException(e.getCause());
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
