package org.winbackhub.channel.sms.kannel.camel;

import org.apache.camel.Exchange;
import org.winbackhub.channel.sms.camel.SmsExchanges;
import org.winbackhub.channel.sms.kannel.KannelAnswer;
import org.winbackhub.channel.sms.kannel.KannelRequest;

/**
 * The bean the {@code winback-kannel-sms-sink} Kamelet calls around its HTTP call: the query before
 * (the password from the exchange property {@value #PASSWORD} the Kamelet set), the answer after
 * ({@link KannelRequest}, {@link KannelAnswer}).
 */
public final class KannelSmsSink {
  public static final String PASSWORD = "winbackKannelPassword";

  public void prepare(Exchange exchange, String username, String dlrUrl, String dlrMask) {
    SmsExchanges.request(
        exchange,
        null,
        null,
        KannelRequest.query(
            SmsExchanges.message(exchange),
            username,
            SmsExchanges.secret(exchange, PASSWORD),
            dlrUrl,
            dlrMask));
  }

  public void answer(Exchange exchange) {
    SmsExchanges.answer(exchange, KannelAnswer::messageId);
  }
}
