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
 * The email side of the outbox: messages rendered by {@link EmailComposer}, and an SMTP failure
 * retried only when it surely did not reach the server's queue ({@link SmtpFailure}).
 */
public final class EmailOutbox extends ChannelOutbox<EmailMessage> {
  private final EmailComposer composer;
  private final SmtpServerFeatures server;
  private final ProviderGate gate;

  public EmailOutbox(
      OutboxLedger ledger,
      ContactRepository contacts,
      EmailComposer composer,
      SmtpServerFeatures server,
      ProviderGate gate) {
    super(ledger, contacts);
    this.composer = composer;
    this.server = server;
    this.gate = gate;
  }

  /**
   * Claims as {@link ChannelOutbox#claim} does, and nothing while the provider's gate is shut
   * (breaker open, SMTP not the email provider in use).
   */
  @Override
  public List<OutboxMessage> claim() {
    return gate.mayClaim() ? super.claim() : List.of();
  }

  @Override
  public String provider(OutboxMessage m) {
    return gate.provider();
  }

  /**
   * A message to an address with a UTF-8 name part only when the SMTP server offers SMTPUTF8
   * ({@link SmtpUtf8Unsupported} otherwise: the message fails for good, the contact stays).
   */
  @Override
  protected EmailMessage render(OutboxMessage m, Contact contact) {
    EmailMessage message = composer.compose(m, contact);
    if (message.smtpUtf8() && !server.offersSmtpUtf8()) {
      throw new SmtpUtf8Unsupported(server.server());
    }
    return message;
  }

  @Override
  protected SendFailure classify(Exception error) {
    String why = SendFailure.describe(error);
    if (error instanceof SmtpUtf8Unsupported) {
      return SendFailure.permanent(why); // never handed over, and no retry can help
    }
    return SmtpFailure.surelyNotAccepted(error)
        ? SendFailure.retry(why)
        : SendFailure.ambiguous(why);
  }
}
