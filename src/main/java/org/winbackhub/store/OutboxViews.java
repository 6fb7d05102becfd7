package org.winbackhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.winbackhub.model.OutboxMessage;

/**
 * Reads of the outbox for what comes back about a message (a provider's event, a delivery report):
 * the message by its id, or by the id its provider gave it.
 */
public final class OutboxViews {
  private OutboxViews() {}

  /** The message {@code id}, in the caller's transaction. */
  public static Optional<OutboxMessage> find(Connection c, long id) throws SQLException {
    return Rows.first(
        c,
        "SELECT " + OutboxRepository.COLUMNS + " FROM outbox WHERE id = ?",
        OutboxRepository::read,
        id);
  }

  /**
   * The message {@code provider} took under {@code providerMessageId} (a Twilio MessageSid, an
   * SMSC's message_id), in the caller's transaction.
   */
  public static Optional<OutboxMessage> byProviderMessageId(
      Connection c, String provider, String providerMessageId) throws SQLException {
    return Rows.first(
        c,
        "SELECT "
            + OutboxRepository.COLUMNS
            + " FROM outbox WHERE provider = ? AND provider_message_id = ? ORDER BY id DESC",
        OutboxRepository::read,
        provider,
        providerMessageId);
  }
}
