package org.winbackhub.store;

import java.time.Instant;
import java.util.List;
import org.winbackhub.model.Channel;
import org.winbackhub.model.OutboxMessage;

/** Outbox rows to start a test from: one message queued, read back as the store holds it. */
public final class TestMessages {
  private TestMessages() {}

  /**
   * Queues message {@code key} of journey j to the contact, due {@code at}, offering {@code offer}
   * (or none); returns it with its id.
   */
  public static OutboxMessage queue(
      Database db,
      String key,
      long contactId,
      Channel channel,
      String recipient,
      String template,
      String offer,
      Instant at) {
    OutboxRepository outbox = new OutboxRepository(db, new EventRepository(db));
    long id =
        db.inTransaction(
            "queue a test message",
            c -> {
              outbox.enqueue(
                  c,
                  List.of(
                      new OutboxRepository.NewMessage(
                          key, contactId, null, "j", key, channel, recipient, template, "Hola",
                          null, offer, at)),
                  at);
              return Rows.first(
                      c,
                      "SELECT id FROM outbox WHERE idempotency_key = ?",
                      rs -> rs.getLong(1),
                      key)
                  .orElseThrow();
            });
    return outbox.find(id).orElseThrow();
  }
}
