package org.winbackhub.channel.sms.smpp.camel;

import org.apache.camel.Exchange;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.camel.SmsExchanges;
import org.winbackhub.channel.sms.smpp.SmppStatus;
import org.winbackhub.channel.sms.smpp.SmppSubmit;

/**
 * The bean the {@code winback-smpp-sms-sink} Kamelet calls: the rendered message as submit_sm PDUs
 * ({@link SmppSubmit}) on the hub's one SMPP session ({@link SmscSession}); the SMSC's message_id
 * (of the first part) becomes the body, or a ProviderFailure says what the SMSC's answer, or its
 * silence, means.
 */
public final class SmppSmsSink {
  private final SmscSession smsc;

  /** {@code smsc} null: SMPP is not the provider, and the Kamelet is not called. */
  public SmppSmsSink(SmscSession smsc) {
    this.smsc = smsc;
  }

  public void send(Exchange exchange, boolean deliveryReceipts) {
    if (smsc == null) {
      throw new IllegalStateException("hub.sms.provider is not smpp: no SMPP session");
    }
    SmsMessage m = SmsExchanges.message(exchange);
    SmppSubmit submit;
    try {
      submit = SmppSubmit.of(m, (int) m.outboxId(), deliveryReceipts);
    } catch (IllegalArgumentException e) {
      throw new ProviderFailure(SmppStatus.unencodable(e.getMessage()));
    }
    String id = smsc.submit(submit);
    exchange.getMessage().removeHeaders("*");
    exchange.getMessage().setBody(id);
  }
}
