package org.winbackhub.channel;

import java.util.List;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.EmailMessage;
import org.winbackhub.channel.email.smtp.SmtpFailure;
import org.winbackhub.channel.email.smtp.SmtpServerFeatures;
import org.winbackhub.channel.email.smtp.SmtpUtf8Unsupported;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ContactRepository;

/**
 * The email side of the outbox, as the channel route uses it: claim a batch, render each message,
 * record the SMTP server's answer. The claims and the records are the shared {@link
 * OutboxLedger}'s; what an SMTP failure means is {@link SmtpFailure}'s.
 */
public final class EmailOutbox {
  private final OutboxLedger ledger;
  private final ContactRepository contacts;
  private final EmailComposer composer;
  private final SmtpServerFeatures server;

  public EmailOutbox(
      OutboxLedger ledger,
      ContactRepository contacts,
      EmailComposer composer,
      SmtpServerFeatures server) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.composer = composer;
    this.server = server;
  }

  /**
   * Claims the next batch of due emails, as many as are sent at once; never one to a suppressed or
   * opted-out address. Empty while this sender may not claim (not beating yet, or stopping).
   */
  public List<OutboxMessage> claim() {
    return ledger.claim();
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
    ledger.sending(m);
  }

  /** Records the SMTP server's acceptance (also when a takeover made it UNCERTAIN meanwhile). */
  public void sent(OutboxMessage m, String providerMessageId) {
    ledger.sent(m, providerMessageId);
  }

  /**
   * Records a failed attempt; returns true when it will be tried again. A failure before the
   * message was handed over, or one that surely was not accepted, is retried with backoff (FAILED
   * after the last attempt); an ambiguous one leaves the message UNCERTAIN for an operator.
   */
  public boolean failed(OutboxMessage m, Exception error) {
    return ledger.failed(m, classify(error));
  }

  static SendFailure classify(Exception error) {
    String why = SendFailure.describe(error);
    if (error instanceof SmtpUtf8Unsupported) {
      return SendFailure.permanent(why); // never handed over, and no retry can help
    }
    return SmtpFailure.surelyNotAccepted(error)
        ? SendFailure.retry(why)
        : SendFailure.ambiguous(why);
  }
}
