package org.winbackhub.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.winbackhub.model.Channel;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.model.SuppressionReason;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.SuppressionRepository;
import org.winbackhub.tracking.TrackingToken;

/**
 * One-click unsubscribe (RFC 8058) behind the {@code List-Unsubscribe} URL {@code /u/TOKEN}. The
 * signed token names the message and its channel. A POST (the mailbox provider's one-click, with
 * the body {@code List-Unsubscribe=One-Click}, or the page's button) unsubscribes the address the
 * message went to on that channel: suppressed, the contact opted out, and the event kept, in one
 * transaction, before the answer. A GET only shows the page with that button: link scanners fetch
 * every URL of a mail, and must unsubscribe no one. A token that is malformed, forged or names no
 * message gets the not-found page, never a redirect.
 */
public final class OneClickUnsubscribe {
  private final TrackingToken tokens;
  private final Database db;
  private final OutboxRepository outbox;
  private final SuppressionRepository suppressions;
  private final ContactRepository contacts;
  private final EventRepository events;
  private final Clock clock;

  public OneClickUnsubscribe(
      TrackingToken tokens,
      Database db,
      OutboxRepository outbox,
      SuppressionRepository suppressions,
      ContactRepository contacts,
      EventRepository events,
      Clock clock) {
    this.tokens = tokens.forPurpose(TrackingToken.UNSUBSCRIBE);
    this.db = db;
    this.outbox = outbox;
    this.suppressions = suppressions;
    this.contacts = contacts;
    this.events = events;
    this.clock = clock;
  }

  /** The answer to {@code method} on {@code /u/token}. */
  public UnsubscribePage answer(String method, String token) {
    Optional<OutboxMessage> message = message(token);
    if (message.isEmpty()) {
      return UnsubscribePage.notFound();
    }
    if ("POST".equals(method)) {
      unsubscribe(message.get());
      return UnsubscribePage.done(message.get());
    }
    return UnsubscribePage.confirm(message.get());
  }

  private Optional<OutboxMessage> message(String token) {
    return tokens
        .verify(token)
        .flatMap(
            claim ->
                outbox
                    .find(claim.messageId())
                    .filter(m -> m.channel().code().equals(claim.link())));
  }

  /** Suppression, opt-out and the event, together; a second time changes nothing. */
  private void unsubscribe(OutboxMessage m) {
    Instant now = clock.instant();
    Channel channel = m.channel();
    EventType type = channel == Channel.EMAIL ? EventType.EMAIL_UNSUBSCRIBED : EventType.SMS_STOP;
    db.inTransaction(
        "unsubscribe",
        c -> {
          suppressions.suppress(
              c, channel, m.recipient(), SuppressionReason.UNSUBSCRIBED, "one-click", now);
          contacts.optOut(c, m.contactId(), channel, now);
          return events.append(
              c,
              List.of(
                  new EventRepository.Owned(
                      m.contactId(),
                      new ContactEvent(
                          "hub", "unsubscribe:" + m.id(), type, now, null, null, m.journeyId()))),
              now);
        });
  }
}
