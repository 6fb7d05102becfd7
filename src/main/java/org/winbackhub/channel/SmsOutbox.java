package org.winbackhub.channel;

import java.util.List;
import org.winbackhub.channel.sms.SmsComposer;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsTooLong;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ContactRepository;

/**
 * The SMS side of the outbox, as its channel route uses it: claim a batch, render each message,
 * record what the provider's sink answered (its message id), or what its failure means. The claims
 * and the records are the shared {@link OutboxLedger}'s; the provider's answers are classified by
 * its own rules (a {@link ProviderFailure}), failures of the HTTP call by {@link HttpFailure}.
 */
public final class SmsOutbox {
  private final OutboxLedger ledger;
  private final ContactRepository contacts;
  private final SmsComposer composer;

  public SmsOutbox(OutboxLedger ledger, ContactRepository contacts, SmsComposer composer) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.composer = composer;
  }

  /** The next batch of due SMS, never one to a suppressed or opted-out number. */
  public List<OutboxMessage> claim() {
    return ledger.claim();
  }

  /** Renders the message; one over {@code hub.sms.max-segments} fails for good. */
  public SmsMessage compose(OutboxMessage m) {
    Contact contact =
        contacts
            .find(m.contactId())
            .orElseThrow(
                () -> new IllegalStateException("contact of outbox " + m.id() + " is gone"));
    return composer.compose(m, contact);
  }

  /** Marks the message SENDING just before it is handed to the provider's sink. */
  public void sending(OutboxMessage m) {
    ledger.sending(m);
  }

  /** Records the provider's acceptance and its message id. */
  public void sent(OutboxMessage m, String providerMessageId) {
    ledger.sent(m, providerMessageId);
  }

  /** Records a failed attempt; returns true when it will be tried again. */
  public boolean failed(OutboxMessage m, Exception error) {
    return ledger.failed(m, classify(error));
  }

  static SendFailure classify(Exception error) {
    if (error instanceof SmsTooLong) {
      return SendFailure.permanent(error.getMessage());
    }
    return HttpFailure.of(error);
  }
}
