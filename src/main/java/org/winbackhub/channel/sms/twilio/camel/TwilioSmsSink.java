package org.winbackhub.channel.sms.twilio.camel;

import org.apache.camel.Exchange;
import org.winbackhub.channel.sms.camel.SmsExchanges;
import org.winbackhub.channel.sms.twilio.TwilioAnswer;
import org.winbackhub.channel.sms.twilio.TwilioRequest;

/**
 * The bean the {@code winback-twilio-sms-sink} Kamelet calls around its HTTP call: the form before,
 * the answer after ({@link TwilioRequest}, {@link TwilioAnswer}).
 */
public final class TwilioSmsSink {

  public void prepare(Exchange exchange, String statusCallback) {
    SmsExchanges.request(
        exchange,
        "application/x-www-form-urlencoded; charset=UTF-8",
        TwilioRequest.form(SmsExchanges.message(exchange), statusCallback),
        null);
  }

  public void answer(Exchange exchange) {
    SmsExchanges.answer(exchange, TwilioAnswer::messageId);
  }
}
