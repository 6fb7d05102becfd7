package org.winbackhub.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.model.Channel;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OutboxMessage;

/**
 * The ledger's state changes for a batch of messages handed to a provider in one request (SendGrid
 * takes up to 1,000 at once): each in one transaction, each row conditional on its claim, as {@link
 * OutboxRepository} does for one message.
 */
final class OutboxBatches {
  private final Database db;
  private final EventRepository events;

  OutboxBatches(Database db, EventRepository events) {
    this.db = db;
    this.events = events;
  }

  /**
   * {@link #markSending} for a batch handed to a provider in one request, in one transaction: the
   * messages whose claim is still this caller's, in the order given (the others must not be sent).
   */
  List<OutboxMessage> markSending(List<OutboxMessage> messages, String provider, Instant now) {
    if (messages.isEmpty()) {
      return List.of();
    }
    return db.inTransaction(
        "mark messages sending",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET status = 'SENDING', status_at = ?, provider = ?"
                      + " WHERE id = ? AND attempts = ? AND status = 'CLAIMED'")) {
            for (OutboxMessage m : messages) {
              ps.setObject(1, Database.ts(now));
              ps.setString(2, provider);
              ps.setLong(3, m.id());
              ps.setInt(4, m.attempts());
              ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<OutboxMessage> held = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
              if (counts[i] == 1) {
                held.add(messages.get(i));
              }
            }
            return held;
          }
        });
  }

  /**
   * {@link #markSent} for a batch the provider accepted in one request, in one transaction, with
   * each contact's "sent" event. Returns how many were recorded.
   */
  int markSent(List<OutboxMessage> messages, String providerMessageId, Instant now) {
    if (messages.isEmpty()) {
      return 0;
    }
    return db.inTransaction(
        "mark messages sent",
        c -> {
          int[] counts;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE outbox SET status = 'SENT', sent_at = ?, status_at = ?,"
                      + " provider_message_id = ?, last_error = NULL WHERE id = ? AND attempts = ?"
                      + " AND status IN ('SENDING', 'UNCERTAIN')")) {
            for (OutboxMessage m : messages) {
              ps.setObject(1, Database.ts(now));
              ps.setObject(2, Database.ts(now));
              ps.setString(3, providerMessageId);
              ps.setLong(4, m.id());
              ps.setInt(5, m.attempts());
              ps.addBatch();
            }
            counts = ps.executeBatch();
          }
          List<EventRepository.Owned> sent = new ArrayList<>();
          for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
              OutboxMessage m = messages.get(i);
              EventType type =
                  m.channel() == Channel.EMAIL ? EventType.EMAIL_SENT : EventType.SMS_SENT;
              sent.add(
                  new EventRepository.Owned(
                      m.contactId(),
                      new ContactEvent(
                          "hub", "outbox:" + m.id(), type, now, null, null, m.template())));
            }
          }
          events.append(c, sent, now);
          return sent.size();
        });
  }
}
