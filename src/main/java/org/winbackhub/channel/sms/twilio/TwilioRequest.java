package org.winbackhub.channel.sms.twilio;

import java.util.LinkedHashMap;
import java.util.Map;
import org.winbackhub.channel.sms.FormFields;
import org.winbackhub.channel.sms.SmsMessage;

/**
 * The form a message is sent with: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}
 * with {@code To} (E.164), {@code From} (a Twilio number or an alphanumeric sender id), {@code
 * Body}, and {@code StatusCallback}, the URL Twilio posts the message's status changes to, with the
 * message's signed token as {@code t} (Twilio's Messages resource,
 * https://www.twilio.com/docs/messaging/api/message-resource). Twilio chooses the encoding itself.
 */
public final class TwilioRequest {
  private TwilioRequest() {}

  /** The form body; {@code statusCallback} empty or null: no callback asked for. */
  public static String form(SmsMessage m, String statusCallback) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", m.to());
    form.put("From", m.from());
    form.put("Body", m.text());
    if (statusCallback != null && !statusCallback.isBlank()) {
      form.put("StatusCallback", FormFields.withToken(statusCallback.trim(), m.reportToken()));
    }
    return FormFields.encode(form);
  }
}
