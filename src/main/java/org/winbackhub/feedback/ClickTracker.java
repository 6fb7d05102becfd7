package org.winbackhub.feedback;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.winbackhub.model.Channel;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * Handles a click on a tracked link: verifies the signed token, records the click once per message
 * and link (before answering), moves the contact on, and redirects to the link's configured target.
 */
public final class ClickTracker {
  private final TrackingToken tokens;
  private final LinkTargets links;
  private final OutboxRepository outbox;
  private final EventRepository events;
  private final StatusTransitions transitions;
  private final Clock clock;

  public ClickTracker(
      TrackingToken tokens,
      LinkTargets links,
      OutboxRepository outbox,
      EventRepository events,
      StatusTransitions transitions,
      Clock clock) {
    this.tokens = tokens;
    this.links = links;
    this.outbox = outbox;
    this.events = events;
    this.transitions = transitions;
    this.clock = clock;
  }

  public Redirect click(String token) {
    Optional<TrackingToken.Claim> claim = tokens.verify(token);
    if (claim.isEmpty()) {
      return Redirect.notFound();
    }
    Optional<OutboxMessage> message = outbox.find(claim.get().messageId());
    Optional<URI> target = links.target(claim.get().link());
    if (message.isEmpty() || target.isEmpty()) {
      return Redirect.notFound();
    }
    OutboxMessage m = message.get();
    Instant now = clock.instant();
    EventType type = m.channel() == Channel.EMAIL ? EventType.EMAIL_CLICKED : EventType.SMS_CLICKED;
    boolean first =
        events.append(
            m.contactId(),
            new ContactEvent(
                "hub",
                "click:" + m.id() + ":" + claim.get().link(),
                type,
                now,
                null,
                null,
                m.journeyId()),
            now);
    if (first) {
      transitions.applyFor(m.contactId());
    }
    return Redirect.to(target.get().toString());
  }
}
