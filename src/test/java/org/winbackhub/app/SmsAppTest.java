package org.winbackhub.app;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the whole-app SMS tests share: the hub booted with one provider chosen by configuration
 * ({@code hub.sms.provider}), an HTTP provider played by WireMock on loopback (an SMSC by the SMPP
 * test itself, which counts what it {@link #handedOver}), a copy of the shipped configuration with
 * an SMS journey of one step and its templates, and ways to queue SMS rows and read what the
 * provider was sent.
 */
abstract class SmsAppTest extends HubAppTest {
  static final Pattern SHORT_LINK =
      Pattern.compile("http://127\\.0\\.0\\.1:\\d+/s/([0-9A-Za-z]{8})");
  static WireMockServer provider;

  /** After the peers (HubAppTest), before the hub boots. */
  @BeforeAll
  void startProvider() throws Exception {
    provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    provider.start();
    System.setProperty("sms.it.url", "http://127.0.0.1:" + provider.port());
    Path config = peers.dataDir.resolve("config");
    copy(Path.of("config"), config);
    Files.createDirectories(config.resolve("templates/sms"));
    // GSM-7 but for the ó of "próxima": sent in UCS-2
    Files.writeString(
        config.resolve("templates/sms/we-miss-you.txt"),
        "Hola {{first_name|cliente}}, te echamos de menos.\n"
            + "10% en tu próxima compra: {{link:offer}}\n");
    Files.writeString(
        config.resolve("templates/sms/plain.txt"), "Hola {{first_name|cliente}}, vuelve pronto.\n");
    Files.writeString(
        config.resolve("templates/sms/too-long.txt"), "Hola {{first_name}}. " + "x".repeat(470));
    Files.writeString(
        config.resolve("journeys/winback-sms.yaml"),
        """
        id: winback-sms
        audience:
          lifecycle: [LAPSED, DORMANT]
          consent: sms
        holdout: 0%
        # any hour: an SMS step's default window (08:00-21:00 in the recipient's zone) would make
        # these tests depend on the wall clock; SendWindowTest and JourneyTimingIT test windows
        window: any
        steps:
          - id: we-miss-you
            send: {channel: sms, template: sms/we-miss-you}
        """);
    System.setProperty("hub.config-dir", config.toString());
  }

  @AfterAll
  static void stopProvider() {
    System.clearProperty("hub.config-dir");
    System.clearProperty("sms.it.url");
    provider.stop();
  }

  static void copy(Path from, Path to) throws Exception {
    try (var files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /** A lapsed loyalty customer with a mobile number, taken in and planned by one cycle. */
  void journeyStepFor(String phone) throws Exception {
    dropAndWait(
        "sms-" + phone.substring(1) + ".csv",
        HEADER
            + "\nS"
            + phone.substring(1)
            + ",Lucía,Luna,,"
            + phone
            + ",no,T"
            + phone.substring(1)
            + ",purchase,"
            + ago(200)
            + ",20.00,EUR\n");
    runCycle();
  }

  /** An SMS row due now for a new contact with {@code phone}. */
  void queue(String key, String phone, String template) throws Exception {
    queue(key, phone, template, "GRANTED");
  }

  void queue(String key, String phone, String template, String consent) throws Exception {
    execute(
        "INSERT INTO contact (phone, first_name, sms_consent, created_at, updated_at) VALUES ('"
            + phone
            + "', 'Test', '"
            + consent
            + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    execute(
        "INSERT INTO outbox (idempotency_key, contact_id, channel, recipient, template, status,"
            + " not_before, created_at) SELECT '"
            + key
            + "', id, 'sms', phone, '"
            + template
            + "', 'PENDING', CURRENT_TIMESTAMP - INTERVAL '1' MINUTE, CURRENT_TIMESTAMP FROM"
            + " contact WHERE phone = '"
            + phone
            + "'");
  }

  Map<String, Object> row(String key) throws Exception {
    return query(
            "SELECT status, attempts, last_error, provider_message_id, not_before, status_at FROM"
                + " outbox WHERE idempotency_key = '"
                + key
                + "'")
        .get(0);
  }

  void awaitStatus(String key, String status) throws Exception {
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = '"
            + key
            + "' AND status = '"
            + status
            + "'",
        1);
  }

  /** Queues a message whose first try fails; returns how long it waited before the next. */
  Duration retriedThenSent(String key, String phone, String reason) throws Exception {
    queue(key, phone, "sms/plain");
    awaitRetry(key);
    Map<String, Object> waiting = row(key);
    assertThat(String.valueOf(waiting.get("last_error"))).contains(reason);
    Duration wait =
        Duration.between(
            ((OffsetDateTime) waiting.get("status_at")).toInstant(),
            ((OffsetDateTime) waiting.get("not_before")).toInstant());
    assertThat(wait)
        .as("backoff before the next try")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    awaitPolls(3);
    assertThat(handedOver(phone)).as("not tried again before its time").isEqualTo(1);

    dueNow(key);
    awaitStatus(key, "SENT");
    assertThat(row(key)).containsEntry("attempts", 2);
    assertThat(handedOver(phone)).isEqualTo(2);
    return wait;
  }

  /** Waits for the row's first try to have failed and to wait for its retry. */
  void awaitRetry(String key) throws Exception {
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = '"
            + key
            + "' AND status = 'PENDING' AND attempts = 1",
        1);
  }

  /**
   * Queues a message to a suppressed number, one to a contact who opted out and one after them
   * (keys {@code prefix-suppressed}, {@code -opted-out}, {@code -after}); once the last is sent,
   * the first two are SUPPRESSED and were never handed to the provider.
   */
  void assertSuppressedNeverHandedOver(
      String prefix, String suppressed, String optedOut, String after) throws Exception {
    execute(
        "INSERT INTO suppression (channel, address, reason, source, created_at) VALUES ('sms', '"
            + suppressed
            + "', 'stop', 'test', CURRENT_TIMESTAMP)");
    queue(prefix + "-suppressed", suppressed, "sms/plain");
    queue(prefix + "-opted-out", optedOut, "sms/plain", "OPTED_OUT");
    queue(prefix + "-after", after, "sms/plain");
    awaitStatus(prefix + "-after", "SENT");

    assertThat(row(prefix + "-suppressed")).containsEntry("status", "SUPPRESSED");
    assertThat(row(prefix + "-opted-out")).containsEntry("status", "SUPPRESSED");
    assertThat(handedOver(suppressed)).isZero();
    assertThat(handedOver(optedOut)).isZero();
  }

  /** Makes a row waiting for its retry due now, as if its backoff had passed. */
  void dueNow(String key) throws Exception {
    execute(
        "UPDATE outbox SET not_before = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE"
            + " idempotency_key = '"
            + key
            + "'");
  }

  /**
   * Makes the row due as if any backoff had passed, lets the channel poll a few times, and checks
   * that the provider still got only the one request and the row kept {@code status}.
   */
  void assertNeverSentAgain(String key, String phone, String status) throws Exception {
    dueNow(key);
    awaitPolls(4);
    assertThat(handedOver(phone)).as("handed to the provider once").isEqualTo(1);
    assertThat(row(key)).containsEntry("status", status);
  }

  /** How many messages for {@code phone} the provider got (by default: WireMock's requests). */
  int handedOver(String phone) {
    return requestsWith(phone).size();
  }

  void awaitPolls(int n) {
    NotifyBuilder polls = new NotifyBuilder(camel).fromRoute("channel-sms").whenDone(n).create();
    assertThat(polls.matches(20, TimeUnit.SECONDS)).as("%d SMS outbox polls", n).isTrue();
  }

  /** The form fields (or query parameters) of a request, decoded. */
  static Map<String, String> fields(String encoded) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The requests the provider got that carry {@code text} (a number, say) in their URL or body. */
  static List<LoggedRequest> requestsWith(String text) {
    String encoded = java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    return provider.getAllServeEvents().stream()
        .map(e -> e.getRequest())
        .filter(
            r ->
                r.getUrl().contains(encoded)
                    || r.getBodyAsString().contains(encoded)
                    || r.getBodyAsString().contains(text))
        .toList();
  }

  /** The short code in an SMS text. */
  static String shortCode(String text) {
    Matcher m = SHORT_LINK.matcher(text);
    assertThat(m.find()).as("a short link in: %s", text).isTrue();
    return m.group(1);
  }
}
