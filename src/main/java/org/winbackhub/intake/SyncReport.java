package org.winbackhub.intake;

import java.time.Duration;

/** What one sync of a source did: its one-line summary. */
public record SyncReport(String source, long read, ContactIntake.Result changes, Duration took) {
  public String line() {
    return String.format(
        "sync %s: read %d, new %d, updated %d, merged %d, new events %d, rejected %d, fields refused %d%s, %.1f s",
        source, read, changes.newContacts(), changes.updatedContacts(), changes.merged(), changes.newEvents(), changes.rejected(),
        changes.refusedFields(), changes.deleted() == 0 ? "" : ", deleted " + changes.deleted(), took.toMillis() / 1000.0);
  }
}
