package org.winbackhub.channel;

import java.time.Instant;
import java.util.List;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ContactRepository;

/**
 * One channel's side of the outbox, as its route uses it: claim a batch, render each message for
 * its contact, mark it SENDING, record the provider's acceptance or what its failure means. The
 * claims and the records are the shared {@link OutboxLedger}'s; a channel says how a message is
 * rendered and what a failure of its provider means.
 *
 * @param <M> the rendered message the channel's provider takes
 */
public abstract class ChannelOutbox<M> {
  private final OutboxLedger ledger;
  private final ContactRepository contacts;

  protected ChannelOutbox(OutboxLedger ledger, ContactRepository contacts) {
    this.ledger = ledger;
    this.contacts = contacts;
  }

  /**
   * Claims the next batch of due messages of this channel, as many as are sent at once; never one
   * to a suppressed or opted-out address. Empty while this sender may not claim (not beating yet,
   * or stopping).
   */
  public List<OutboxMessage> claim() {
    return ledger.claim();
  }

  /** Renders the message for its contact. */
  public M compose(OutboxMessage m) {
    Contact contact =
        contacts
            .find(m.contactId())
            .orElseThrow(
                () -> new IllegalStateException("contact of outbox " + m.id() + " is gone"));
    return render(m, contact);
  }

  /**
   * Marks the message SENDING just before it is handed to the provider; from here on a failure may
   * be ambiguous. Throws {@link ClaimLostException} when the claim was taken over meanwhile.
   */
  public void sending(OutboxMessage m) {
    ledger.sending(m, provider(m));
  }

  /**
   * Records the provider's acceptance with its message id (also when a takeover made it UNCERTAIN
   * meanwhile).
   */
  public void sent(OutboxMessage m, String providerMessageId) {
    ledger.sent(m, providerMessageId);
  }

  /**
   * Records a failed attempt; returns true when it will be tried again. A failure before the
   * message was handed over, or one that surely did not reach the provider, is retried with backoff
   * (FAILED after the last attempt); one refused for good is FAILED; an ambiguous one leaves the
   * message UNCERTAIN for an operator.
   */
  public boolean failed(OutboxMessage m, Exception error) {
    return ledger.failed(m, classify(error));
  }

  /** The provider {@code m} is handed to, as the outbox records it. */
  public abstract String provider(OutboxMessage m);

  /**
   * The ledger's hold: {@code m} back unsent, its attempt not counted, not before {@code until}.
   */
  protected void hold(OutboxMessage m, Instant until, String why) {
    ledger.hold(m, until, why);
  }

  /** The channel's rendering of {@code m} for {@code contact}. */
  protected abstract M render(OutboxMessage m, Contact contact);

  /** What a failure of this channel's provider (or of rendering) means for the message. */
  protected abstract SendFailure classify(Exception error);
}
