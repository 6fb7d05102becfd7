package org.winbackhub.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.DeletionRepository;
import org.winbackhub.store.DeletionRepository.Ending;
import org.winbackhub.store.EventRepository;

/**
 * Applies a batch's deletions, in the batch's transaction. A deleted person's reference in that
 * source ends (kept with when and why); a contact that no live reference leads to any more is
 * archived: never classified, never messaged, out of its journeys. A contact another source still
 * knows stays, with every field it has (a deletion is no erasure, and an opt-out it gave is kept).
 * A deleted event stops counting and its contact is reclassified. A record that comes back live
 * undoes all of it. Each repository writes its own tables: references and archives {@link
 * DeletionRepository}, events {@link EventRepository}, and an archive's journeys and messages
 * {@link ContactArchive} coordinates.
 */
final class SourceDeletions {
  private final DeletionRepository store;
  private final EventRepository events;
  private final ContactRepository contacts;
  private final ContactArchive archive;

  SourceDeletions(
      DeletionRepository store,
      EventRepository events,
      ContactRepository contacts,
      ContactArchive archive) {
    this.store = store;
    this.events = events;
    this.contacts = contacts;
    this.archive = archive;
  }

  /** Applies {@code rows}; returns how many references and events it ended. */
  int apply(Connection c, String source, DeletedRows rows, Instant now) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    contacts.lockIdentities(c);
    store.unarchiveReferenced(c, store.reopenRefs(c, source, rows.liveContacts()), now);
    events.restoreEvents(c, source, rows.liveEvents(), now);

    Map<String, String> gone = rows.deletedContacts();
    int ended = 0;
    if (!gone.isEmpty()) {
      Set<String> known = contacts.bySourceRefs(c, source, gone.keySet()).keySet();
      Map<String, Ending> endings = new LinkedHashMap<>();
      List<Ending> unseen = new ArrayList<>();
      gone.forEach(
          (id, why) -> {
            Ending e =
                new Ending(id, why, "no live source reference: " + source + " " + id + " " + why);
            if (known.contains(id)) {
              endings.put(id, e);
            } else {
              unseen.add(e);
            }
          });
      store.keepUnseen(c, source, unseen, now);
      Map<String, Long> refs = store.endRefs(c, source, endings.values(), now);
      Map<Long, String> reasons = new LinkedHashMap<>();
      refs.forEach((id, contact) -> reasons.putIfAbsent(contact, endings.get(id).archiveReason()));
      archive.archiveUnreferenced(c, reasons, now);
      ended = refs.size();
    }
    return ended + events.deleteEvents(c, source, rows.deletedEvents(), now);
  }

  /**
   * A contact that gained a live reference (a record of any source matched it) is no longer
   * archived.
   */
  void referenced(Connection c, Collection<Long> contactIds, Instant now) throws SQLException {
    store.unarchiveReferenced(c, contactIds, now);
  }
}
