package org.winbackhub.intake.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.PhoneNormalizer;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestStores;

/**
 * What the order webhook answers: a signed order whose amount or date is out of range is
 * acknowledged with the reject stored (never retried), what is not an order gets 400, and only a
 * store that cannot be written gets a 5xx (503, so the shop sends it again).
 */
class ShopWebhookTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-10-01T12:00:00Z"), ZoneOffset.UTC);
  static final ShopSignature SIGNATURE = new ShopSignature("webhook-secret-for-tests");
  final HikariDataSource ds = TestStores.h2();
  final Database db = new Database(ds);
  final ShopWebhook webhook =
      new ShopWebhook(
          "shop",
          SIGNATURE,
          FieldRules.defaults(new PhoneNormalizer("ES"), ZoneId.of("Europe/Madrid"), CLOCK),
          new ContactIntake(
              db,
              new ContactRepository(db),
              new EventRepository(db),
              new RejectRepository(db),
              CLOCK));

  @AfterEach
  void close() {
    ds.close();
  }

  ShopWebhook.Answer receive(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return webhook.receive(bytes, SIGNATURE.sign(bytes), "orders/create", "w-1");
  }

  static String order(String total) {
    return "{\"id\":77,\"updated_at\":\"2024-09-30T18:00:01+02:00\",\"processed_at\":\"2024-09-30T18:00:00+02:00\","
               + "\"currency\":\"EUR\",\"total_price\":\""
        + total
        + "\",\"customer\":{\"id\":5,\"email\":\"x@example.com\"}}";
  }

  @Test
  void a_negative_or_far_future_order_is_answered_2xx_and_kept_as_a_reject_with_its_field()
      throws Exception {
    ObjectNode order =
        (ObjectNode)
            new ObjectMapper()
                .readTree(Path.of("src/test/resources/shop/orders-page1.json").toFile())
                .get("orders")
                .get(0);
    order.put("total_price", "-59.80");
    ShopWebhook.Answer negative = receive(order.toString());
    assertThat(negative.status()).isEqualTo(200);
    assertThat(negative.message())
        .isEqualTo(
            "rejected: total_price: a purchase cannot be negative (refunds are events of their own:"
                + " type refund)");

    order.put("total_price", "59.80");
    order.put("processed_at", "2999-01-01T00:00:00Z");
    assertThat(receive(order.toString()).status()).isEqualTo(200);

    order.put("processed_at", "2024-09-10T17:00:05+02:00");
    assertThat(receive(order.toString()).message()).isEqualTo("purchase recorded");
    try (var c = ds.getConnection();
        var s = c.createStatement();
        var rs =
            s.executeQuery("SELECT field, raw, record_kept FROM rejected_record ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3))
          .isEqualTo("total_price -59.80 false");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + " " + rs.getString(2))
          .isEqualTo("processed_at 2999-01-01T00:00:00Z");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void a_good_order_is_a_purchase_and_a_bad_value_is_a_reject_acknowledged_with_200() {
    assertThat(receive(order("12.00"))).isEqualTo(new ShopWebhook.Answer(200, "purchase recorded"));
    ShopWebhook.Answer bad = receive(order("1e12").replace("\"id\":77", "\"id\":78"));
    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.message()).startsWith("rejected: total_price");
  }

  @Test
  void what_is_not_an_order_gets_400() {
    assertThat(receive("not json").status()).isEqualTo(400);
    assertThat(receive("\"a string\"").status()).isEqualTo(400);
    assertThat(receive("{\"total_price\":\"1.00\"}").status()).isEqualTo(400);
  }

  @Test
  void a_store_that_cannot_be_written_gets_503_so_the_shop_sends_again() {
    ds.close();
    ShopWebhook.Answer a = receive(order("12.00"));
    assertThat(a.status()).isEqualTo(503);
    assertThat(a.message()).doesNotContain("x@example.com");
    assertThat(receive("not json").status())
        .as("even when the reject cannot be kept")
        .isEqualTo(503);
  }
}
