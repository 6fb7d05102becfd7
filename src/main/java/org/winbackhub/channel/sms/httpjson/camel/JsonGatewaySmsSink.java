package org.winbackhub.channel.sms.httpjson.camel;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.winbackhub.channel.sms.camel.SmsExchanges;
import org.winbackhub.channel.sms.httpjson.JsonGatewayAnswer;
import org.winbackhub.channel.sms.httpjson.JsonGatewayRequest;

/**
 * The bean the {@code winback-http-json-sms-sink} Kamelet calls around its HTTP call: the JSON body
 * and the authentication header before (its value from the exchange property {@value #AUTH} the
 * Kamelet set), the answer after, its message id at the configured JSON pointer ({@link
 * JsonGatewayRequest}, {@link JsonGatewayAnswer}).
 */
public final class JsonGatewaySmsSink {
  public static final String AUTH = "winbackSmsGatewayAuth";
  private final Map<String, JsonPointer> pointers = new ConcurrentHashMap<>();

  public void prepare(Exchange exchange, String authHeader) {
    String auth = SmsExchanges.secret(exchange, AUTH);
    SmsExchanges.request(
        exchange,
        "application/json; charset=UTF-8",
        JsonGatewayRequest.body(SmsExchanges.message(exchange)),
        null);
    if (!auth.isBlank()) {
      exchange.getMessage().setHeader(JsonGatewayRequest.authHeader(authHeader), auth);
    }
  }

  public void answer(Exchange exchange, String messageIdPointer) {
    JsonPointer pointer = pointers.computeIfAbsent(messageIdPointer, JsonGatewayAnswer::pointer);
    SmsExchanges.answer(
        exchange,
        (status, body, retryAfter) ->
            JsonGatewayAnswer.messageId(status, body, retryAfter, pointer));
  }
}
