package org.winbackhub.model;

import java.math.BigDecimal;
import java.time.Instant;

/** Something that happened to a contact, identified by its source and the source's own id. */
public record ContactEvent(
    String source,
    String externalId,
    EventType type,
    Instant occurredAt,
    BigDecimal amount,
    String currency,
    String detail) {}
