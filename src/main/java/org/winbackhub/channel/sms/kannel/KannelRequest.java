package org.winbackhub.channel.sms.kannel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.winbackhub.channel.sms.FormFields;
import org.winbackhub.channel.sms.SmsMessage;

/**
 * The query of Kannel's SMS push: {@code GET /cgi-bin/sendsms?username&password&from&to&text
 * &charset&coding&dlr-mask&dlr-url} (Kannel user's guide, "Using the HTTP interface to send SMS
 * messages", "SMS Push (send-sms) CGI Variables"). The text goes as UTF-8 ({@code charset}) and
 * Kannel sends it in the GSM 7-bit alphabet ({@code coding=0}) or in UCS-2 ({@code coding=2}), as
 * the hub counted it. The delivery report URL carries the message's signed token ({@code t}) and
 * Kannel's escapes: {@code %d} the report's type (1 delivered, 2 not delivered, 4 queued on the
 * SMSC, 8 delivered to the SMSC, 16 not delivered to the SMSC), {@code %A} the SMSC's reply, {@code
 * %F} the SMSC's message id, {@code %T} its time.
 */
public final class KannelRequest {
  /** The reports asked for by default: every one of the five. */
  public static final String ALL_REPORTS = "31";

  private KannelRequest() {}

  /** The path under the gateway's base URL. */
  public static final String PATH = "/cgi-bin/sendsms";

  /**
   * The query; {@code dlrUrl} empty or null: no delivery report asked for. {@code from} empty: the
   * gateway's own sender.
   */
  public static String query(
      SmsMessage m, String username, String password, String dlrUrl, String dlrMask) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("username", username);
    q.put("password", password);
    q.put("from", m.from() == null || m.from().isBlank() ? null : m.from());
    q.put("to", m.to());
    q.put("text", m.text());
    q.put("charset", "UTF-8");
    q.put("coding", m.unicode() ? "2" : "0");
    if (dlrUrl != null && !dlrUrl.isBlank()) {
      q.put("dlr-mask", dlrMask == null || dlrMask.isBlank() ? ALL_REPORTS : dlrMask.trim());
      q.put(
          "dlr-url",
          FormFields.withToken(dlrUrl.trim(), m.reportToken())
              + "&type=%d&reply=%A&smsc-id=%F&at=%T");
    }
    return FormFields.encode(q);
  }
}
