package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.testing.HeadlessChromium;
import org.winbackhub.testing.ScriptedSmtp;

/**
 * The email channel route against an SMTP server that fails in the ways that matter: a failure that
 * surely lost the mail is retried later; one after the mail may have gone is never retried.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "hub.outbox.poll-ms=200",
      "hub.loyalty.poll-ms=200",
      "hub.smtp.recheck-after=PT0.1S",
      "hub.outbox.concurrency=2"
    })
class EmailSendingIT extends HubAppTest {
  static ScriptedSmtp smtp;

  /** After the peers (HubAppTest), whose data folder it writes the config into. */
  @BeforeAll
  void startSmtp() throws Exception {
    smtp = new ScriptedSmtp();
    System.setProperty("hub.smtp.port", String.valueOf(smtp.port())); // cleared by peers.close()
    // the shipped config plus a template that has only a text version
    Path config = copyShippedConfig();
    Files.writeString(
        config.resolve("templates/email/plain-note.txt"),
        "Hola {{first_name|cliente}}, solo texto.\n");
    System.setProperty("hub.config-dir", config.toString());
  }

  @AfterAll
  static void stopSmtp() throws Exception {
    System.clearProperty("hub.config-dir");
    smtp.close();
  }

  @Test
  @Order(0)
  void a_template_with_only_a_text_version_sends_a_plain_text_mail_without_an_html_part()
      throws Exception {
    queue("plain", "paz@example.com", "email/plain-note");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'plain' AND status = 'SENT'", 1);

    MimeMessage received = lastReceived();
    assertThat(received.getContentType()).startsWith("text/plain");
    assertThat(received.getHeader("Content-Type")).hasSize(1);
    assertThat(received.getContent()).isInstanceOf(String.class);
    assertThat(((String) received.getContent()).strip()).isEqualTo("Hola Test, solo texto.");
  }

  @Test
  @Order(1)
  void a_mail_whose_connection_broke_after_data_is_left_uncertain_and_never_sent_twice()
      throws Exception {
    int before = smtp.messagesReceived.get();
    smtp.mode = ScriptedSmtp.Mode.DROP_AFTER_DATA;
    queue("drop", "ana@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'drop' AND status = 'UNCERTAIN'", 1);
    assertThat(smtp.messagesReceived.get()).isEqualTo(before + 1);

    // long after any retry delay, and with the server healthy again, it is still not resent
    smtp.mode = ScriptedSmtp.Mode.ACCEPT;
    execute(
        "UPDATE outbox SET not_before = not_before - INTERVAL '1' DAY WHERE idempotency_key ="
            + " 'drop'");
    awaitPolls(5);
    assertThat(smtp.messagesReceived.get()).as("the recipient got it once").isEqualTo(before + 1);
    assertThat(row("drop")).containsEntry("status", "UNCERTAIN");
  }

  @Test
  @Order(2)
  void a_mail_refused_by_an_smtp_error_reply_waits_and_is_retried() throws Exception {
    int before = smtp.messagesReceived.get();
    smtp.mode = ScriptedSmtp.Mode.REFUSE_RECIPIENT;
    queue("refused", "bea@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'refused' AND attempts = 1 AND status"
            + " = 'PENDING'",
        1);
    assertThat(String.valueOf(row("refused").get("last_error"))).contains("451");

    smtp.mode = ScriptedSmtp.Mode.ACCEPT;
    execute(
        "UPDATE outbox SET not_before = not_before - INTERVAL '1' DAY WHERE idempotency_key ="
            + " 'refused'");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'refused' AND status = 'SENT'", 1);
    assertThat(smtp.messagesReceived.get()).isEqualTo(before + 1);
    MimeMessage html = lastReceived();
    assertThat(html.getContentType())
        .as("HTML with its text alternative")
        .startsWith("multipart/alternative");
    assertThat(html.getHeader("Content-Type")).hasSize(1);
  }

  @Test
  @Order(3)
  void an_address_with_a_utf8_name_part_fails_for_good_when_the_server_does_not_offer_smtputf8()
      throws Exception {
    smtp.smtpUtf8 = false;
    int before = smtp.messagesReceived.get();
    queue("utf8-refused", "josé@bücher.de");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'utf8-refused' AND status = 'FAILED'",
        1);
    assertThat(String.valueOf(row("utf8-refused").get("last_error")))
        .contains("UTF-8 name part (RFC 6531)", "does not offer SMTPUTF8");
    assertThat(smtp.messagesReceived.get()).as("nothing handed over").isEqualTo(before);
    assertThat(query("SELECT email, email_consent FROM contact WHERE email = 'josé@bücher.de'"))
        .as("the contact stays")
        .singleElement()
        .satisfies(c -> assertThat(c.get("email_consent")).isEqualTo("GRANTED"));
    assertThat(count("SELECT COUNT(*) FROM suppression")).isZero();

    // a name part in ASCII at an internationalized domain needs no SMTPUTF8: its domain goes as
    // punycode
    queue("idn-domain", "ana.idn@bücher.de");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'idn-domain' AND status = 'SENT'", 1);
    assertThat(smtp.deliveries)
        .extracting(ScriptedSmtp.Delivery::recipient)
        .contains("ana.idn@xn--bcher-kva.de");
  }

  @Test
  @Order(4)
  void an_address_with_a_utf8_name_part_is_sent_with_smtputf8_to_a_server_that_offers_it()
      throws Exception {
    smtp.smtpUtf8 = true;
    queue("utf8-sent", "lucía.garcía5@example.org");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'utf8-sent' AND status = 'SENT'", 1);
    assertThat(smtp.lastMailFrom).endsWith(" SMTPUTF8");
    assertThat(smtp.deliveries)
        .extracting(ScriptedSmtp.Delivery::recipient)
        .contains("lucía.garcía5@example.org");
    assertThat(lastReceived().getHeader("To")).containsExactly("lucía.garcía5@example.org");

    // and an ASCII address after it still goes as plain mail
    queue("ascii-after", "pia@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'ascii-after' AND status = 'SENT'", 1);
    assertThat(smtp.lastMailFrom).doesNotContain("SMTPUTF8");
  }

  @Test
  @Order(5)
  void many_mails_go_over_the_connections_kept_open_not_one_connection_each() throws Exception {
    smtp.mode = ScriptedSmtp.Mode.ACCEPT;
    smtp.smtpUtf8 = false;
    int received = smtp.messagesReceived.get();
    int sessions = smtp.sessions.get();
    for (int i = 0; i < 20; i++) {
      queue("many-" + i, "many" + i + "@example.com");
    }
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'many-%' AND status = 'SENT'", 20);

    assertThat(smtp.messagesReceived.get()).isEqualTo(received + 20);
    // two sending threads (hub.outbox.concurrency=2), each on the connection it keeps open
    assertThat(smtp.sessions.get() - sessions)
        .as("SMTP sessions opened for 20 messages")
        .isLessThanOrEqualTo(2);
    // and each reached the server whole, with its own Message-ID
    assertThat(
            query(
                "SELECT COUNT(DISTINCT provider_message_id) AS n FROM outbox WHERE idempotency_key"
                    + " LIKE 'many-%'"))
        .singleElement()
        .satisfies(r -> assertThat(((Number) r.get("n")).intValue()).isEqualTo(20));
  }

  @Test
  @Order(6)
  void every_mail_offers_a_one_click_unsubscribe_that_a_post_honours_and_a_get_does_not()
      throws Exception {
    smtp.mode = ScriptedSmtp.Mode.ACCEPT;
    queue("unsub", "olga@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'unsub' AND status = 'SENT'", 1);
    MimeMessage mail = lastReceived();
    assertThat(mail.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    String header = mail.getHeader("List-Unsubscribe")[0];
    Matcher url =
        Pattern.compile("<(http://127\\.0\\.0\\.1:\\d+/u/[A-Za-z0-9_.-]+)>").matcher(header);
    assertThat(url.find()).as("the one-click URL in %s", header).isTrue();
    String link = url.group(1);

    // a link scanner's GET: a page with one button, and nothing changes
    HttpResponse<String> page = get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(page.body())
        .contains("<form method=\"post\">", "<button type=\"submit\">Unsubscribe</button>")
        .contains("o***@example.com")
        .doesNotContain("olga@example.com", "<script");
    assertThat(consent("olga@example.com")).isEqualTo("GRANTED");
    assertThat(count("SELECT COUNT(*) FROM suppression")).isZero();

    // the mailbox provider's one-click POST (RFC 8058)
    HttpResponse<String> done =
        post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.body()).contains("You are unsubscribed");
    // stored before the answer
    assertThat(query("SELECT channel, address, reason FROM suppression"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("channel", "email")
                    .containsEntry("address", "olga@example.com")
                    .containsEntry("reason", "UNSUBSCRIBED"));
    assertThat(consent("olga@example.com")).isEqualTo("OPTED_OUT");
    assertThat(
            count(
                "SELECT COUNT(*) FROM contact_event e JOIN contact k ON k.id = e.contact_id WHERE"
                    + " k.email = 'olga@example.com' AND e.type = 'email_unsubscribed'"))
        .isEqualTo(1);
    // a second POST (a retry, the page's button) changes nothing more
    assertThat(
            post(link, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                .statusCode())
        .isEqualTo(200);
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE type = 'email_unsubscribed'"))
        .isEqualTo(1);

    // the next message to that address is never sent
    int before = smtp.messagesReceived.get();
    execute(
        "INSERT INTO outbox (idempotency_key, contact_id, channel, recipient, template, subject,"
            + " status, not_before, created_at) SELECT 'unsub-2', id, 'email', email,"
            + " 'email/we-miss-you', 'Hola', 'PENDING', CURRENT_TIMESTAMP - INTERVAL '1' MINUTE,"
            + " CURRENT_TIMESTAMP FROM contact WHERE email = 'olga@example.com'");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'unsub-2' AND status = 'SUPPRESSED'",
        1);
    assertThat(smtp.messagesReceived.get()).isEqualTo(before);
  }

  @Test
  @Order(7)
  void a_multipart_one_click_post_works_and_a_tampered_token_gets_a_plain_not_found()
      throws Exception {
    queue("unsub-multipart", "pepa@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'unsub-multipart' AND status = 'SENT'",
        1);
    String header = lastReceived().getHeader("List-Unsubscribe")[0];
    String link = header.substring(1, header.indexOf('>'));
    String token = link.substring(link.lastIndexOf('/') + 1);
    String tampered =
        link.substring(0, link.lastIndexOf('/') + 1)
            + (token.charAt(0) == 'A' ? 'B' : 'A')
            + token.substring(1);
    for (String bad : new String[] {tampered, link + "x", link.replace("/u/", "/u/x.")}) {
      HttpResponse<String> get = get(bad);
      assertThat(get.statusCode()).as(bad).isEqualTo(404);
      assertThat(get.headers().firstValue("Location")).isEmpty();
      HttpResponse<String> post =
          post(bad, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
      assertThat(post.statusCode()).as(bad).isEqualTo(404);
      assertThat(post.body()).contains("not valid");
    }
    // a click token is not an unsubscribe token, though it names the same message
    String click = trackedLink(lastReceived());
    assertThat(
            post(
                    click.replace("/t/c/", "/u/"),
                    "application/x-www-form-urlencoded",
                    "List-Unsubscribe=One-Click")
                .statusCode())
        .isEqualTo(404);
    assertThat(consent("pepa@example.com")).isEqualTo("GRANTED");

    // Gmail posts multipart/form-data
    String boundary = "----hubtest";
    HttpResponse<String> done =
        post(
            link,
            "multipart/form-data; boundary=" + boundary,
            "--"
                + boundary
                + "\r\n"
                + "Content-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n"
                + "--"
                + boundary
                + "--\r\n");
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(consent("pepa@example.com")).isEqualTo("OPTED_OUT");
  }

  @Test
  @Order(8)
  void in_a_browser_without_scripts_the_page_is_reached_and_answered_with_the_keyboard_alone()
      throws Exception {
    assumeTrue(HeadlessChromium.installed(), "Debian's chromium is not installed");
    queue("unsub-browser", "quim@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'unsub-browser' AND status = 'SENT'",
        1);
    String header = lastReceived().getHeader("List-Unsubscribe")[0];
    String link = header.substring(1, header.indexOf('>'));
    try (HeadlessChromium chromium = new HeadlessChromium()) {
      chromium.open(link, false);
      assertThat(chromium.text("document.title")).isEqualTo("Unsubscribe");
      assertThat(chromium.text("document.documentElement.lang")).isEqualTo("en");
      assertThat(chromium.text("document.querySelector('main p').innerText"))
          .isEqualTo("Stop receiving our marketing emails at q***@example.com?");
      // opening the page changed nothing
      assertThat(consent("quim@example.com")).isEqualTo("GRANTED");

      chromium.press("Tab", 9); // the first thing to reach is the one button
      assertThat(chromium.text("document.activeElement.textContent")).isEqualTo("Unsubscribe");
      chromium.press("Enter", 13);
      assertThat(chromium.awaitText("document.title", "You are unsubscribed"))
          .isEqualTo("You are unsubscribed");
      Files.write(Path.of("target/unsubscribe-page.png"), chromium.screenshot());
    }
    assertThat(consent("quim@example.com")).isEqualTo("OPTED_OUT");
  }

  @Test
  @Order(9)
  void a_mail_that_could_not_connect_waits_and_is_retried() throws Exception {
    smtp.close();
    queue("down", "eva@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'down' AND attempts = 1 AND status ="
            + " 'PENDING'",
        1);
    assertThat(String.valueOf(row("down").get("last_error"))).contains("connect");
  }

  private String consent(String email) throws Exception {
    return String.valueOf(
        query("SELECT email_consent FROM contact WHERE email = '" + email + "'")
            .get(0)
            .get("email_consent"));
  }

  private HttpResponse<String> post(String url, String contentType, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void queue(String key, String email) throws Exception {
    queue(key, email, "email/we-miss-you");
  }

  /** A message of the shipped journey's step, which offers pool winback-10. */
  private void queue(String key, String email, String template) throws Exception {
    execute(
        "INSERT INTO contact (email, first_name, email_consent, created_at, updated_at)"
            + " VALUES ('"
            + email
            + "', 'Test', 'GRANTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    execute(
        "INSERT INTO outbox (idempotency_key, contact_id, channel, recipient, template, subject,"
            + " offer, status, not_before, created_at) SELECT '"
            + key
            + "', id, 'email', email, '"
            + template
            + "', 'Hola', 'winback-10', 'PENDING', CURRENT_TIMESTAMP - INTERVAL '1' MINUTE,"
            + " CURRENT_TIMESTAMP FROM contact WHERE email = '"
            + email
            + "'");
  }

  private static MimeMessage lastReceived() throws Exception {
    Properties utf8 =
        new Properties(); // headers in UTF-8, as a server offering SMTPUTF8 reads them
    utf8.setProperty("mail.mime.allowutf8", "true");
    return new MimeMessage(
        Session.getInstance(utf8),
        new ByteArrayInputStream(smtp.lastMessage.getBytes(StandardCharsets.UTF_8)));
  }

  private Map<String, Object> row(String key) throws Exception {
    return query(
            "SELECT status, attempts, last_error FROM outbox WHERE idempotency_key = '" + key + "'")
        .get(0);
  }

  private void awaitPolls(int n) {
    NotifyBuilder polls =
        new NotifyBuilder(camel).fromRoute("channel-email-smtp").whenDone(n).create();
    assertThat(polls.matches(20, TimeUnit.SECONDS)).as("%d outbox polls", n).isTrue();
  }
}
