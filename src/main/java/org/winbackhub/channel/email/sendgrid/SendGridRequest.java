package org.winbackhub.channel.email.sendgrid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.winbackhub.channel.email.EmailMessage;

/**
 * The body of {@code POST /v3/mail/send} for a batch (SendGrid's v3 Mail Send reference,
 * https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send): one personalization per
 * message, each with its recipient, its subject, its {@code List-Unsubscribe} headers, its values
 * of the content's tags as {@code substitutions} and the outbox id in {@code custom_args} (which
 * the Event Webhook sends back with every event). The content once, text before HTML as SendGrid
 * requires. SendGrid's own click, open and subscription tracking are off: the hub tracks its links,
 * and its one-click unsubscribe is the one in the header.
 */
public final class SendGridRequest {
  /** The custom argument that names the outbox row. */
  public static final String OUTBOX_ID = "outbox_id";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SendGridRequest() {}

  public static String json(SendGridBatch batch) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode personalizations = body.putArray("personalizations");
    for (SendGridBatch.Entry e : batch.entries()) {
      EmailMessage m = e.email();
      ObjectNode p = personalizations.addObject();
      p.putArray("to").addObject().put("email", m.to());
      p.put("subject", m.subject());
      ObjectNode headers = p.putObject("headers");
      headers.put("List-Unsubscribe", m.listUnsubscribe());
      headers.put("List-Unsubscribe-Post", m.listUnsubscribePost());
      if (!e.substitutions().isEmpty()) {
        ObjectNode subs = p.putObject("substitutions");
        e.substitutions().forEach(subs::put);
      }
      p.putObject("custom_args").put(OUTBOX_ID, String.valueOf(m.outboxId()));
    }
    from(body.putObject("from"), batch.from());
    ArrayNode content = body.putArray("content");
    if (batch.text() != null) {
      content.addObject().put("type", "text/plain").put("value", batch.text());
    }
    if (batch.html() != null) {
      content.addObject().put("type", "text/html").put("value", batch.html());
    }
    ObjectNode tracking = body.putObject("tracking_settings");
    tracking.putObject("click_tracking").put("enable", false).put("enable_text", false);
    tracking.putObject("open_tracking").put("enable", false);
    tracking.putObject("subscription_tracking").put("enable", false);
    return body.toString();
  }

  /** {@code "Tienda <hola@tienda.example>"} as SendGrid's from object. */
  private static void from(ObjectNode from, String address) {
    try {
      InternetAddress a = new InternetAddress(address, true);
      from.put("email", a.getAddress());
      if (a.getPersonal() != null && !a.getPersonal().isBlank()) {
        from.put("name", a.getPersonal());
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "hub.email.from: not an address SendGrid takes: '" + address + "'", e);
    }
  }
}
