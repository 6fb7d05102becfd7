package org.winbackhub.channel.sms;

import java.time.Clock;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ShortLinkRepository;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.ShortCode;

/**
 * The links of an SMS, shortened through the hub's own redirect: {@code {{link:NAME}}} becomes
 * {@code {hub.public-url}/s/CODE}, the code stored with the message, the contact and the target
 * {@code hub.links.NAME} had when it was sent. A message rendered again gets the same code.
 */
public final class ShortLinks {
  private final ShortLinkRepository store;
  private final LinkTargets links;
  private final Clock clock;

  public ShortLinks(ShortLinkRepository store, LinkTargets links, Clock clock) {
    this.store = store;
    this.links = links;
    this.clock = clock;
  }

  /** The short URL of link {@code name} in message {@code m}. */
  public String url(OutboxMessage m, String name) {
    String target =
        links
            .target(name)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "template " + m.template() + " uses unknown link '" + name + "'"))
            .toString();
    return links.shortUrl(
        store.codeFor(m.id(), m.contactId(), name, target, ShortCode::random, clock.instant()));
  }
}
