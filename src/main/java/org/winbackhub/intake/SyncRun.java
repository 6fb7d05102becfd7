package org.winbackhub.intake;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One run of a polled source: its number in the store (the rejections it resolves name it), how far
 * back it reads, and whether it counts each stream's rows first for the progress bar.
 */
public record SyncRun(long id, Scope scope, boolean countFirst) {
  /** How far back a run reads. */
  public enum Scope {
    /**
     * Each stream from its watermark less the overlap, as the schedule does (a first load reads
     * all).
     */
    CATCH_UP("catch-up"),
    /** Every stream from its beginning. */
    FULL("full"),
    /** Only the streams that hold open rejections, each from its beginning. */
    REJECTED("retry-rejected");

    private final String label;

    Scope(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * A catch-up that no run in the store stands for (tests, benchmarks): a negative number of its
   * own, so that it still tells its own rejections from those of the runs before it.
   */
  public static SyncRun untracked(boolean countFirst) {
    return new SyncRun(
        -1 - ThreadLocalRandom.current().nextLong(Long.MAX_VALUE - 1), Scope.CATCH_UP, countFirst);
  }

  /** Whether a stream with or without open rejections is read at all. */
  public boolean reads(boolean openRejections) {
    return scope != Scope.REJECTED || openRejections;
  }

  /** Whether a stream is read from its beginning rather than from its watermark. */
  public boolean fromStart() {
    return scope != Scope.CATCH_UP;
  }
}
