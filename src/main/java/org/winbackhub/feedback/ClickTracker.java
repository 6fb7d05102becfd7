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
import org.winbackhub.store.ShortLinkRepository;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.ShortCode;
import org.winbackhub.tracking.TrackingToken;

/**
 * Handles a click on a tracked link: verifies the signed token, records the click once per message
 * and link (before answering), moves the contact on, and redirects to the link's configured target.
 * A click on an SMS short link is recorded the same way and redirects to the target stored with its
 * code.
 */
public final class ClickTracker {
  private final TrackingToken tokens;
  private final LinkTargets links;
  private final OutboxRepository outbox;
  private final ShortLinkRepository shortLinks;
  private final EventRepository events;
  private final StatusTransitions transitions;
  private final Clock clock;

  public ClickTracker(
      TrackingToken tokens,
      LinkTargets links,
      OutboxRepository outbox,
      ShortLinkRepository shortLinks,
      EventRepository events,
      StatusTransitions transitions,
      Clock clock) {
    this.tokens = tokens;
    this.links = links;
    this.outbox = outbox;
    this.shortLinks = shortLinks;
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
    return record(message.get(), claim.get().link(), target.get().toString());
  }

  /**
   * A click on an SMS short link ({@code /s/CODE}): only a well-formed code stored by the hub leads
   * anywhere, and only to the target stored with it.
   */
  public Redirect shortClick(String code) {
    if (!ShortCode.isWellFormed(code)) {
      return Redirect.notFound();
    }
    Optional<ShortLinkRepository.ShortLink> link = shortLinks.find(code);
    Optional<OutboxMessage> message = link.flatMap(l -> outbox.find(l.outboxId()));
    if (message.isEmpty() || !isWebAddress(link.get().target())) {
      return Redirect.notFound();
    }
    return record(message.get(), link.get().link(), link.get().target());
  }

  /** Records the click once per message and link, moves the contact on, then redirects. */
  private Redirect record(OutboxMessage m, String link, String target) {
    Instant now = clock.instant();
    EventType type = m.channel() == Channel.EMAIL ? EventType.EMAIL_CLICKED : EventType.SMS_CLICKED;
    boolean first =
        events.append(
            new EventRepository.Owned(
                m.contactId(),
                new ContactEvent(
                    "hub", "click:" + m.id() + ":" + link, type, now, null, null, m.journeyId()),
                m.id(),
                null),
            now);
    if (first) {
      transitions.applyFor(m.contactId());
    }
    return Redirect.to(target);
  }

  private static boolean isWebAddress(String target) {
    try {
      URI uri = URI.create(target);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
