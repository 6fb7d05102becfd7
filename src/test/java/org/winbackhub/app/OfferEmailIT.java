package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.shop.ShopSignature;
import org.winbackhub.journey.Holdout;
import org.winbackhub.offer.CouponCodes;
import org.winbackhub.offer.OfferPools;
import org.winbackhub.testing.HubPeers;

/**
 * Offers through the whole hub: the shipped journey's step offers pool winback-10, so each contact
 * it emails (through GreenMail) gets its own code, shown in the mail; a shop order using the code
 * (the signed order webhook) redeems it and ties it to that message, as explain shows; and a
 * message whose file pool is empty is not sent without a code: it waits, goes out once codes are
 * added to the file, and fails with the reason after its last try.
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
      "hub.offers.reload-ms=200",
      "hub.outbox.max-attempts=2",
      "hub.shop.webhook-secret=" + OfferEmailIT.SECRET
    })
class OfferEmailIT extends HubAppTest {
  static final String SECRET = "it-offers-webhook-secret-4b1e";
  static final Pattern CODE = Pattern.compile("WB10-[2-9A-HJ-NP-Z]{9}");
  static Path config;
  static final Map<String, String> codes = new HashMap<>();

  /** The shipped config plus a file pool of one code and a template that shows it. */
  @BeforeAll
  void copyConfig() throws Exception {
    config = copyShippedConfig();
    Files.writeString(
        config.resolve("offers.yaml"),
        "  last-chance:\n    text: \"un regalo\"\n    file: offers/last-chance.txt\n",
        StandardOpenOption.APPEND);
    Files.writeString(config.resolve("offers/last-chance.txt"), "LAST-001\n");
    Files.writeString(
        config.resolve("templates/email/last-chance.txt"),
        "{{first_name|Hola}}, {{offer}}: {{coupon_code}}\n");
    System.setProperty("hub.config-dir", config.toString());
  }

  @AfterAll
  static void clearConfig() {
    System.clearProperty("hub.config-dir");
  }

  @Test
  @Order(1)
  void a_journey_step_with_an_offer_mails_each_contact_its_own_code() throws Exception {
    dropAndWait(
        "export-1.csv",
        String.join(
                "\n",
                HEADER,
                "L1,Lía,López,lia@example.com,,no,T1,purchase," + ago(200) + ",20.00,EUR",
                "L2,Mario,Mora,mario@example.com,,no,T2,purchase," + ago(200) + ",35.50,EUR",
                "L3,Nora,Nieto,nora@example.com,,no,T3,purchase," + ago(200) + ",12.00,EUR",
                "L4,Óscar,Ortiz,oscar@example.com,,no,T4,purchase," + ago(200) + ",40.00,EUR",
                "L5,Paula,Pardo,paula@example.com,,no,T5,purchase," + ago(200) + ",9.00,EUR")
            + "\n");
    Set<String> expected = new HashSet<>();
    for (Map<String, Object> k : query("SELECT id, email FROM contact")) {
      if (!Holdout.isHeldOut("winback-email", ((Number) k.get("id")).longValue(), 0.10)) {
        expected.add((String) k.get("email"));
      }
    }
    assertThat(expected).isNotEmpty();

    runCycle();

    assertThat(peers.smtp.waitForIncomingEmail(20_000, expected.size())).isTrue();
    assertThat(recipients()).isEqualTo(expected);
    // the server has the mail before the hub has its answer and marks it SENT
    awaitCount("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'", expected.size());
    OfferPools.Generate pool =
        OfferPools.load(config.resolve("offers.yaml")).find("winback-10").orElseThrow().generate();
    for (MimeMessage m : peers.smtp.getReceivedMessages()) {
      String to = m.getAllRecipients()[0].toString();
      String whole = GreenMailUtil.getWholeMessage(m).replace("=\r\n", "");
      Matcher code = CODE.matcher(whole);
      assertThat(code.find()).as("a code in the mail to %s", to).isTrue();
      assertThat(CouponCodes.valid(pool, code.group())).isTrue();
      assertThat(whole)
          .as("the same code in the HTML and in the text")
          .containsPattern("<strong[^>]*>" + code.group() + "</strong>")
          .containsPattern("(?m)^Con este correo tienes 10 % de descuento en tu pr")
          .containsPattern("\\((199|200|201) d")
          .contains("tu =C3=BAltima compra")
          .doesNotContain("{{");
      codes.put(to, code.group());
      Map<String, Object> given =
          query(
                  "SELECT c.code, c.outbox_id, o.status, o.offer FROM coupon c JOIN contact k ON"
                      + " k.id = c.contact_id JOIN outbox o ON o.id = c.outbox_id WHERE k.email = '"
                      + to
                      + "'")
              .get(0);
      assertThat(given)
          .containsEntry("code", code.group())
          .containsEntry("status", "SENT")
          .containsEntry("offer", "winback-10");
    }
    assertThat(new HashSet<>(codes.values())).as("a code of its own each").hasSize(expected.size());
    assertThat(count("SELECT COUNT(*) FROM coupon WHERE contact_id IS NOT NULL"))
        .isEqualTo(expected.size());
  }

  @Test
  @Order(2)
  void a_shop_order_using_the_code_redeems_it_and_explain_ties_it_to_the_message()
      throws Exception {
    String email = codes.keySet().iterator().next();
    String code = codes.get(email);
    String at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    byte[] order =
        Files.readString(Path.of("src/test/resources/shop/webhook-order.json"))
            .replace("clara@example.com", email)
            .replace("2024-10-07T18:00:00+02:00", at)
            .replace("2024-10-07T18:00:01+02:00", at)
            .replace("VUELVE5", code.toLowerCase())
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + peers.httpPort + "/webhooks/shop/orders"))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Webhook-Id", "7c1d3a52-0f1e-4b4e-9d8a-2f0c2d1e9a11")
                .header("X-Shopify-Hmac-Sha256", new ShopSignature(SECRET).sign(order))
                .POST(HttpRequest.BodyPublishers.ofByteArray(order))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);

    Map<String, Object> redeemed =
        query(
                "SELECT c.outbox_id, c.redeemed_order, c.redeemed_at, k.id, o.recipient FROM coupon"
                    + " c JOIN contact k ON k.id = c.contact_id JOIN outbox o ON o.id ="
                    + " c.outbox_id WHERE c.code = '"
                    + code
                    + "'")
            .get(0);
    assertThat(redeemed)
        .containsEntry("redeemed_order", "shop:purchase:450789480")
        .containsEntry("recipient", email);
    assertThat(redeemed.get("redeemed_at")).isNotNull();
    assertThat(count("SELECT COUNT(*) FROM coupon WHERE redeemed_at IS NOT NULL")).isEqualTo(1);

    runCycle();
    HttpResponse<String> explain =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + peers.httpPort
                            + "/admin/contacts/"
                            + redeemed.get("id")
                            + "/explain"))
                .header("Authorization", "Bearer " + HubPeers.ADMIN_TOKEN)
                .header("Accept", "text/plain")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(explain.body())
        .containsPattern(
            "(?m)^coupons: +"
                + code
                + " of pool winback-10 given \\S+ in message "
                + redeemed.get("outbox_id")
                + ", redeemed \\S+ in order shop:purchase:450789480$");
  }

  @Test
  @Order(3)
  void a_message_whose_file_pool_is_empty_waits_and_goes_out_once_codes_are_added()
      throws Exception {
    awaitCount("SELECT COUNT(*) FROM coupon WHERE pool = 'last-chance'", 1);
    int before = peers.smtp.getReceivedMessages().length;
    queue("lc-1", "lia@example.com");
    awaitCount("SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'lc-1' AND status = 'SENT'", 1);
    queue("lc-2", "mario@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'lc-2' AND status = 'PENDING' AND"
            + " attempts = 1",
        1);
    assertThat(row("lc-2").get("last_error").toString())
        .contains("coupon pool 'last-chance' has no codes left");
    assertThat(peers.smtp.getReceivedMessages()).hasSize(before + 1);
    assertThat(gifts()).containsExactly("L=C3=ADa, un regalo: LAST-001");
    String metrics = get("http://127.0.0.1:" + peers.managementPort + "/observe/metrics").body();
    assertThat(metrics)
        .containsPattern("hub_coupons_exhausted_total\\{[^}]*pool=\"last-chance\"[^}]*\\} 1")
        .containsPattern("hub_coupons_free\\{[^}]*pool=\"last-chance\"[^}]*\\} 0");

    Files.writeString(
        config.resolve("offers/last-chance.txt"), "LAST-002\n", StandardOpenOption.APPEND);
    awaitCount("SELECT COUNT(*) FROM coupon WHERE pool = 'last-chance'", 2);
    execute(
        "UPDATE outbox SET not_before = not_before - INTERVAL '1' DAY WHERE idempotency_key ="
            + " 'lc-2'");
    awaitCount("SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'lc-2' AND status = 'SENT'", 1);
    assertThat(gifts())
        .containsExactlyInAnyOrder("L=C3=ADa, un regalo: LAST-001", "Mario, un regalo: LAST-002");
  }

  @Test
  @Order(4)
  void a_message_still_without_a_code_after_its_last_try_fails_with_the_reason() throws Exception {
    int before = peers.smtp.getReceivedMessages().length;
    queue("lc-3", "nora@example.com");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'lc-3' AND attempts = 1 AND status ="
            + " 'PENDING'",
        1);
    execute(
        "UPDATE outbox SET not_before = not_before - INTERVAL '1' DAY WHERE idempotency_key ="
            + " 'lc-3'");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key = 'lc-3' AND status = 'FAILED'", 1);
    assertThat(row("lc-3").get("last_error").toString())
        .contains("coupon pool 'last-chance' has no codes left");
    assertThat(peers.smtp.getReceivedMessages()).hasSize(before);
    assertThat(
            count(
                "SELECT COUNT(*) FROM coupon c JOIN contact k ON k.id = c.contact_id WHERE"
                    + " c.pool = 'last-chance' AND k.email = 'nora@example.com'"))
        .isZero();
  }

  /** The bodies of the last-chance mails received. */
  private List<String> gifts() {
    List<String> gifts = new ArrayList<>();
    for (MimeMessage m : peers.smtp.getReceivedMessages()) {
      String body = GreenMailUtil.getBody(m).strip();
      if (body.contains("un regalo")) {
        gifts.add(body);
      }
    }
    return gifts;
  }

  private void queue(String key, String email) throws Exception {
    execute(
        "INSERT INTO outbox (idempotency_key, contact_id, channel, recipient, template, subject,"
            + " offer, status, not_before, created_at) SELECT '"
            + key
            + "', id, 'email', email, 'email/last-chance', 'Un regalo', 'last-chance', 'PENDING',"
            + " CURRENT_TIMESTAMP - INTERVAL '1' MINUTE, CURRENT_TIMESTAMP FROM contact WHERE"
            + " email = '"
            + email
            + "'");
  }

  private Map<String, Object> row(String key) throws Exception {
    return query(
            "SELECT status, attempts, last_error FROM outbox WHERE idempotency_key = '" + key + "'")
        .get(0);
  }
}
