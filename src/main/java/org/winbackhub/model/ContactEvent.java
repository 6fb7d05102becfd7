package org.winbackhub.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Something that happened to a contact, identified by its source and the source's own id. A
 * purchase from a shop may carry its {@link OrderDetails} (items, discount codes); other events
 * leave {@code order} null.
 */
public record ContactEvent(
    String source,
    String externalId,
    EventType type,
    Instant occurredAt,
    BigDecimal amount,
    String currency,
    String detail,
    OrderDetails order) {

  /** An event without order details. */
  public ContactEvent(
      String source,
      String externalId,
      EventType type,
      Instant occurredAt,
      BigDecimal amount,
      String currency,
      String detail) {
    this(source, externalId, type, occurredAt, amount, currency, detail, null);
  }
}
