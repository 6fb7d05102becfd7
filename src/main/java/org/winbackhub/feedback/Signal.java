package org.winbackhub.feedback;

import java.time.Instant;

/**
 * One thing a provider, a mailbox or a recipient told the hub about a message or an address, as
 * every inbound path hands it to {@link FeedbackRecorder}: its source and that source's own event
 * id (stored once), what happened, the message (by the hub's outbox id, or by the id its provider
 * gave it) or else the address, when, a detail for the history, and why it does not count as
 * engagement when it does not ({@code flagged}: a machine open, a scanner click; for an open or a
 * click the recorder judges one left null from its {@code userAgent}, {@code ip} and timing).
 */
public record Signal(
    String source,
    String eventId,
    Kind kind,
    Long outboxId,
    String providerMessageId,
    String address,
    Instant at,
    String detail,
    String flagged,
    String userAgent,
    String ip) {

  /** What happened. */
  public enum Kind {
    DELIVERED,
    /** Not delivered, and it never will be (an SMS expired or rejected). */
    UNDELIVERED,
    OPENED,
    CLICKED,
    /** A permanent failure (5.x.x): the address is suppressed. */
    HARD_BOUNCE,
    /** A temporary one (4.x.x): the address is suppressed after hub.bounces.soft-limit of them. */
    SOFT_BOUNCE,
    /** A spam complaint: suppressed, and counted against the contact's value. */
    COMPLAINED,
    UNSUBSCRIBED,
    /** An SMS opt-out reply (STOP and its equivalents). */
    OPTED_OUT,
    /** An SMS opt-in reply (START) after an opt-out. */
    OPTED_IN
  }

  /** A signal about a message or an address with nothing to judge it by. */
  public static Signal of(
      String source,
      String eventId,
      Kind kind,
      Long outboxId,
      String providerMessageId,
      String address,
      Instant at,
      String detail) {
    return new Signal(
        source, eventId, kind, outboxId, providerMessageId, address, at, detail, null, null, null);
  }

  public Signal {
    if (source == null || source.isBlank() || eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException("a signal needs its source and that source's event id");
    }
    if (kind == null || at == null) {
      throw new IllegalArgumentException(
          "signal " + source + ":" + eventId + ": needs kind and time");
    }
    if (outboxId == null && providerMessageId == null && (address == null || address.isBlank())) {
      throw new IllegalArgumentException(
          "signal " + source + ":" + eventId + ": names neither a message nor an address");
    }
  }
}
