package org.winbackhub.model;

/**
 * A claimed outbox row, ready to be rendered and handed to a provider; {@code offer} names the
 * coupon pool of the step's offer, or is null.
 */
public record OutboxMessage(
    long id,
    String idempotencyKey,
    long contactId,
    String journeyId,
    String stepId,
    Channel channel,
    String recipient,
    String template,
    String subject,
    String variant,
    String offer,
    int attempts) {}
