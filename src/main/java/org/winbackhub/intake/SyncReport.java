package org.winbackhub.intake;

import java.time.Duration;

/**
 * What one sync of a source did: its one-line summary. {@code degraded} says why the source counts
 * as failing after this run (too large a share of its rows rejected), or is null.
 */
public record SyncReport(
    String source,
    long read,
    ContactIntake.Result changes,
    Duration took,
    RejectedRows rejected,
    String degraded) {

  public SyncReport(String source, long read, ContactIntake.Result changes, Duration took) {
    this(source, read, changes, took, RejectedRows.NONE, null);
  }

  public SyncReport(
      String source,
      long read,
      ContactIntake.Result changes,
      Duration took,
      RejectedRows rejected) {
    this(source, read, changes, took, rejected, null);
  }

  /** The same report, judged: {@code why} the source is degraded, or null. */
  public SyncReport degraded(String why) {
    return new SyncReport(source, read, changes, took, rejected, why);
  }

  public String line() {
    String share =
        rejected.rejected() > 0 ? ", " + rejected.sharePercent() + " of rows refused" : "";
    String resolved = rejected.resolved() > 0 ? ", resolved " + rejected.resolved() : "";
    return String.format(
        "sync %s: read %d, new %d, updated %d, merged %d, new events %d, rejected %d, fields"
            + " refused %d%s%s%s, %.1f s",
        source,
        read,
        changes.newContacts(),
        changes.updatedContacts(),
        changes.merged(),
        changes.newEvents(),
        changes.rejected(),
        changes.refusedFields(),
        changes.deleted() == 0 ? "" : ", deleted " + changes.deleted(),
        share,
        resolved,
        took.toMillis() / 1000.0);
  }
}
