package org.winbackhub.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winbackhub.channel.sms.SmsSegments;

/**
 * Twilio's Messages resource, {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}
 * (https://www.twilio.com/docs/messaging/api/message-resource): HTTP Basic with the account SID and
 * its auth token, or 401 with error 20003; a form without {@code To}, {@code From} or {@code Body},
 * 400 with 21604, 21603 or 21602; otherwise 201 with the new Message resource, its {@code sid} "SM"
 * and 32 hexadecimal digits, {@code status} "queued". Errors in Twilio's JSON error shape ({@code
 * code}, {@code message}, {@code more_info}, {@code status}).
 */
final class TwilioPeer extends ProviderPeer {
  static final String PREFIX = "/2010-04-01/Accounts/";

  private static final Pattern MESSAGES =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

  private final String accountSid;
  private final String authToken;

  TwilioPeer(String accountSid, String authToken) {
    super("twilio");
    this.accountSid = accountSid;
    this.authToken = authToken;
  }

  @Override
  Answer answer(Request r) {
    String[] basic = r.basic();
    if (basic == null || !same(basic[0], accountSid) || !same(basic[1], authToken)) {
      return new Answer(
          401,
          "application/json; charset=utf-8",
          error(401, 20003, "Authenticate"),
          Map.of("WWW-Authenticate", "Basic realm=\"Twilio API\""));
    }
    Matcher m = MESSAGES.matcher(r.path());
    if (!m.matches() || !m.group(1).equals(accountSid)) {
      return Answer.json(
          404, error(404, 20404, "The requested resource " + r.path() + " was not found"));
    }
    if (!r.method().equals("POST")) {
      return Answer.json(405, error(405, 20004, "Method not allowed"));
    }
    Map<String, String> form = Request.form(r.body());
    String to = form.getOrDefault("To", "");
    String from = form.getOrDefault("From", "");
    String body = form.getOrDefault("Body", "");
    if (to.isBlank()) {
      return Answer.json(400, error(400, 21604, "A 'To' phone number is required."));
    }
    if (from.isBlank()) {
      return Answer.json(400, error(400, 21603, "A 'From' phone number is required."));
    }
    if (body.isBlank()) {
      return Answer.json(400, error(400, 21602, "Message body is required."));
    }
    took(1);
    return Answer.json(201, created(to, from, body));
  }

  /** The Message resource as Twilio answers its creation. */
  private String created(String to, String from, String body) {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    String sid = "SM" + HexFormat.of().formatHex(b);
    String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
    String uri = PREFIX + accountSid + "/Messages/" + sid;
    ObjectNode m = JSON.createObjectNode();
    m.put("account_sid", accountSid);
    m.put("api_version", "2010-04-01");
    m.put("body", body);
    m.put("date_created", now);
    m.putNull("date_sent");
    m.put("date_updated", now);
    m.put("direction", "outbound-api");
    m.putNull("error_code");
    m.putNull("error_message");
    m.put("from", from);
    m.putNull("messaging_service_sid");
    m.put("num_media", "0");
    m.put("num_segments", String.valueOf(SmsSegments.of(body).segments()));
    m.putNull("price");
    m.put("price_unit", "USD");
    m.put("sid", sid);
    m.put("status", "queued");
    m.putObject("subresource_uris").put("media", uri + "/Media.json");
    m.put("to", to);
    m.put("uri", uri + ".json");
    return m.toString();
  }

  private static String error(int status, int code, String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("code", code);
    e.put("message", message);
    e.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    e.put("status", status);
    return e.toString();
  }
}
