package org.winbackhub.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch of a source says about deletions: the records it marks deleted, with why, and the
 * records of a query with a delete marker that came in live (an undelete brings them back). Per
 * record the last row read wins, as it is the newest.
 */
public final class DeletedRows {
  /** A record's id and why it is deleted; null why: it is live. */
  private final Map<String, String> contacts = new LinkedHashMap<>();

  private final Map<String, String> events = new LinkedHashMap<>();

  /** A person (contact or lead row) the source deleted. */
  public void contactDeleted(String externalId, String why) {
    note(contacts, externalId, why);
  }

  public void contactLive(String externalId) {
    note(contacts, externalId, null);
  }

  /**
   * An event (an invoice, an order) the source deleted or cancelled, by the event's id in the hub.
   */
  public void eventDeleted(String eventId, String why) {
    note(events, eventId, why);
  }

  public void eventLive(String eventId) {
    note(events, eventId, null);
  }

  /** The row read last comes last, so the order of the batch is kept. */
  private static void note(Map<String, String> rows, String id, String why) {
    rows.remove(id);
    rows.put(id, why);
  }

  public boolean isEmpty() {
    return contacts.isEmpty() && events.isEmpty();
  }

  public int size() {
    return contacts.size() + events.size();
  }

  Map<String, String> deletedContacts() {
    return deleted(contacts);
  }

  List<String> liveContacts() {
    return live(contacts);
  }

  Map<String, String> deletedEvents() {
    return deleted(events);
  }

  List<String> liveEvents() {
    return live(events);
  }

  private static Map<String, String> deleted(Map<String, String> rows) {
    Map<String, String> out = new LinkedHashMap<>();
    rows.forEach(
        (id, why) -> {
          if (why != null) {
            out.put(id, why);
          }
        });
    return out;
  }

  private static List<String> live(Map<String, String> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(
        (id, why) -> {
          if (why == null) {
            out.add(id);
          }
        });
    return out;
  }
}
