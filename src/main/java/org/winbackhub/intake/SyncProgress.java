package org.winbackhub.intake;

/** Told how far a source stream has got, for progress bars, logs and metrics. */
public interface SyncProgress {
  void read(String stream, long rows);

  /**
   * How many rows a stream will read, when the caller asked for a count first and the source can
   * tell.
   */
  default void total(String stream, long rows) {}

  SyncProgress NONE = (stream, rows) -> {};
}
