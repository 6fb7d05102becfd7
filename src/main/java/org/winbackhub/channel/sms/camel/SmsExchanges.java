package org.winbackhub.channel.sms.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.winbackhub.channel.sms.SmsMessage;

/**
 * The Camel side every HTTP SMS sink shares: the message it was handed, the request put in place of
 * it (no header of the caller's goes to the provider), a secret the Kamelet handed over as an
 * exchange property (taken and removed at once), and the answer read back: the provider's rules
 * turn it into the message id, which becomes the body the channel route records.
 */
public final class SmsExchanges {
  private SmsExchanges() {}

  /** The provider's rules for its answer: the message id, or a ProviderFailure thrown. */
  @FunctionalInterface
  public interface AnswerRules {
    String messageId(int status, String body, String retryAfter);
  }

  /** The message handed to the sink. */
  public static SmsMessage message(Exchange exchange) {
    Object body = exchange.getMessage().getBody();
    if (body instanceof SmsMessage m) {
      return m;
    }
    throw new IllegalArgumentException(
        "an SMS sink takes an SmsMessage (from smsOutbox.compose), got "
            + (body == null ? "nothing" : body.getClass().getSimpleName()));
  }

  /** The secret the Kamelet set as exchange property {@code name}; removed from the exchange. */
  public static String secret(Exchange exchange, String name) {
    Object value = exchange.removeProperty(name);
    return value == null ? "" : value.toString();
  }

  /** Replaces the message by the HTTP request: its body, content type and query, nothing else. */
  public static void request(Exchange exchange, String contentType, String body, String query) {
    Message m = exchange.getMessage();
    m.removeHeaders("*");
    if (contentType != null) {
      m.setHeader(Exchange.CONTENT_TYPE, contentType);
    }
    if (query != null) {
      m.setHeader(Exchange.HTTP_QUERY, query);
    }
    m.setBody(body);
  }

  /**
   * Reads the provider's answer through its rules; the message id (or null) becomes the body, and
   * the answer's headers are dropped.
   */
  public static void answer(Exchange exchange, AnswerRules rules) {
    Message m = exchange.getMessage();
    Integer status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    String body = m.getBody(String.class);
    String retryAfter = m.getHeader("Retry-After", String.class);
    m.removeHeaders("*");
    m.setBody(rules.messageId(status == null ? 0 : status, body, retryAfter));
  }
}
