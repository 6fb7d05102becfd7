package org.winbackhub.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.OutboxRepository;

/**
 * The email side of the outbox, as the channel route uses it: claim a batch, render each message,
 * record the provider's answer.
 */
public final class EmailOutbox {
  private final OutboxRepository outbox;
  private final ContactRepository contacts;
  private final EmailComposer composer;
  private final RetryPolicy retry;
  private final Duration claimLease;
  private final int batchSize;
  private final String worker;
  private final Clock clock;

  public EmailOutbox(
      OutboxRepository outbox,
      ContactRepository contacts,
      EmailComposer composer,
      RetryPolicy retry,
      Duration claimLease,
      int batchSize,
      String worker,
      Clock clock) {
    this.outbox = outbox;
    this.contacts = contacts;
    this.composer = composer;
    this.retry = retry;
    this.claimLease = claimLease;
    this.batchSize = batchSize;
    this.worker = worker;
    this.clock = clock;
  }

  /** Claims the next batch of pending emails; never one to a suppressed or opted-out address. */
  public List<OutboxMessage> claim() {
    outbox.expireClaims(clock.instant().minus(claimLease));
    return outbox.claim(Channel.EMAIL, batchSize, worker, clock.instant());
  }

  public EmailMessage compose(OutboxMessage m) {
    Contact contact =
        contacts.find(m.contactId()).orElseThrow(() -> new IllegalStateException("contact of outbox " + m.id() + " is gone"));
    return composer.compose(m, contact);
  }

  /**
   * Marks the message SENDING just before it is handed to the SMTP server; from here on a failure
   * may be ambiguous. Throws {@link ClaimLostException} when the claim expired meanwhile.
   */
  public void sending(OutboxMessage m) {
    if (!outbox.markSending(m, clock.instant())) {
      throw new ClaimLostException(m.id());
    }
  }

  /** Records the SMTP server's acceptance (also when the claim expired to UNCERTAIN meanwhile). */
  public void sent(OutboxMessage m, String providerMessageId) {
    outbox.markSent(m, providerMessageId == null ? m.idempotencyKey() : providerMessageId, clock.instant());
  }

  /**
   * Records a failed attempt; returns true when it will be tried again. A failure before the
   * message was handed over, or one that surely was not accepted, is retried with backoff (FAILED
   * after the last attempt); an ambiguous one leaves the message UNCERTAIN for an operator.
   */
  public boolean failed(OutboxMessage m, Exception error) {
    String why = SmtpFailure.describe(error);
    if (!SmtpFailure.surelyNotAccepted(error)
        && outbox.markUncertain(m, "maybe sent, not retried: " + why)) {
      return false;
    }
    var next = retry.nextTry(m.attempts(), clock.instant());
    outbox.markFailed(m, why, next);
    return next != null;
  }
}
