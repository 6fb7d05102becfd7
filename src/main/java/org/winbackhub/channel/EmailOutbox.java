package org.winbackhub.channel;

import java.time.Clock;
import java.util.List;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.EmailMessage;
import org.winbackhub.channel.email.smtp.SmtpFailure;
import org.winbackhub.channel.email.smtp.SmtpServerFeatures;
import org.winbackhub.channel.email.smtp.SmtpUtf8Unsupported;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.OutboxRepository;

/**
 * The email side of the outbox, as the channel route uses it: claim a batch, render each message,
 * record the provider's answer. A claim takes no more messages than the route sends at once ({@code
 * concurrency}), so that what is claimed is handed over at once: at any moment only the batch in
 * hand is claimed and not yet attempted.
 */
public final class EmailOutbox {
  private final OutboxRepository outbox;
  private final ContactRepository contacts;
  private final EmailComposer composer;
  private final RetryPolicy retry;
  private final SenderInstance sender;
  private final int concurrency;
  private final SmtpServerFeatures server;
  private final ProviderGate gate;
  private final Clock clock;

  public EmailOutbox(
      OutboxRepository outbox,
      ContactRepository contacts,
      EmailComposer composer,
      RetryPolicy retry,
      SenderInstance sender,
      int concurrency,
      SmtpServerFeatures server,
      ProviderGate gate,
      Clock clock) {
    this.outbox = outbox;
    this.contacts = contacts;
    this.composer = composer;
    this.retry = retry;
    this.sender = sender;
    this.concurrency = concurrency;
    this.server = server;
    this.gate = gate;
    this.clock = clock;
  }

  /**
   * Claims the next batch of due emails, as many as are sent at once; never one to a suppressed or
   * opted-out address. Empty while this sender may not claim (not beating yet, or stopping), and
   * while the provider's gate is shut (breaker open, SMTP not the email provider in use).
   */
  public List<OutboxMessage> claim() {
    if (!sender.mayClaim() || !gate.mayClaim()) {
      return List.of();
    }
    return outbox.claim(Channel.EMAIL, concurrency, sender.id(), clock.instant());
  }

  /**
   * Renders the message; one to an address with a UTF-8 name part only when the SMTP server offers
   * SMTPUTF8 ({@link SmtpUtf8Unsupported} otherwise: the message fails for good, the contact
   * stays).
   */
  public EmailMessage compose(OutboxMessage m) {
    Contact contact =
        contacts
            .find(m.contactId())
            .orElseThrow(
                () -> new IllegalStateException("contact of outbox " + m.id() + " is gone"));
    EmailMessage message = composer.compose(m, contact);
    if (message.smtpUtf8() && !server.offersSmtpUtf8()) {
      throw new SmtpUtf8Unsupported(server.server());
    }
    return message;
  }

  /**
   * Marks the message SENDING just before it is handed to the SMTP server; from here on a failure
   * may be ambiguous. Throws {@link ClaimLostException} when the claim was taken over meanwhile.
   */
  public void sending(OutboxMessage m) {
    if (!outbox.markSending(m, clock.instant())) {
      throw new ClaimLostException(m.id());
    }
  }

  /** Records the SMTP server's acceptance (also when a takeover made it UNCERTAIN meanwhile). */
  public void sent(OutboxMessage m, String providerMessageId) {
    outbox.markSent(
        m, providerMessageId == null ? m.idempotencyKey() : providerMessageId, clock.instant());
  }

  /**
   * Records a failed attempt; returns true when it will be tried again. A failure before the
   * message was handed over, or one that surely was not accepted, is retried with backoff (FAILED
   * after the last attempt); an ambiguous one leaves the message UNCERTAIN for an operator.
   */
  public boolean failed(OutboxMessage m, Exception error) {
    String why = SmtpFailure.describe(error);
    if (error instanceof SmtpUtf8Unsupported) {
      outbox.markFailed(m, why, null, clock.instant()); // never handed over, and no retry can help
      return false;
    }
    if (!SmtpFailure.surelyNotAccepted(error)
        && outbox.markUncertain(m, "maybe sent, not retried: " + why, clock.instant())) {
      return false;
    }
    var next = retry.nextTry(m.attempts(), clock.instant());
    outbox.markFailed(m, why, next, clock.instant());
    return next != null;
  }
}
