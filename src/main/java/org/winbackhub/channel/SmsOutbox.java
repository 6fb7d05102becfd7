package org.winbackhub.channel;

import org.winbackhub.channel.sms.SmsComposer;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsTooLong;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ContactRepository;

/**
 * The SMS side of the outbox: messages rendered by {@link SmsComposer} (one over {@code
 * hub.sms.max-segments} fails for good), the provider's answers classified by its own rules (a
 * {@link ProviderFailure} from its sink), failures of the HTTP call by {@link HttpFailure}.
 */
public final class SmsOutbox extends ChannelOutbox<SmsMessage> {
  private final SmsComposer composer;

  public SmsOutbox(OutboxLedger ledger, ContactRepository contacts, SmsComposer composer) {
    super(ledger, contacts);
    this.composer = composer;
  }

  @Override
  protected SmsMessage render(OutboxMessage m, Contact contact) {
    return composer.compose(m, contact);
  }

  @Override
  protected SendFailure classify(Exception error) {
    if (error instanceof SmsTooLong) {
      return SendFailure.permanent(error.getMessage());
    }
    return HttpFailure.of(error);
  }
}
