package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestStores;

/** A signed order whose amount or date is out of range is acknowledged with the reject stored, never retried. */
class ShopWebhookTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-10-01T12:00:00Z"), ZoneOffset.UTC);
  final HikariDataSource ds = TestStores.h2();
  final Database db = new Database(ds);
  final ShopSignature signature = new ShopSignature("webhook-secret-for-tests");
  final ShopWebhook webhook = new ShopWebhook("shop", signature,
      FieldRules.defaults(new PhoneNormalizer("ES"), ZoneId.of("Europe/Madrid"), CLOCK),
      new ContactIntake(db, new ContactRepository(db), new EventRepository(db), new RejectRepository(db), CLOCK));

  @AfterEach
  void close() {
    ds.close();
  }

  ShopWebhook.Answer post(ObjectNode order) {
    byte[] body = order.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return webhook.receive(body, signature.sign(body), "orders/create");
  }

  @Test
  void a_negative_or_far_future_order_is_answered_2xx_and_kept_as_a_reject_with_its_field() throws Exception {
    ObjectNode order = (ObjectNode) new ObjectMapper().readTree(Path.of("src/test/resources/shop/orders-page1.json").toFile())
        .get("orders").get(0);
    order.put("total_price", "-59.80");
    ShopWebhook.Answer negative = post(order);
    assertThat(negative.status()).isEqualTo(200);
    assertThat(negative.message()).isEqualTo(
        "rejected: total_price: a purchase cannot be negative (refunds are events of their own: type refund)");

    order.put("total_price", "59.80");
    order.put("processed_at", "2999-01-01T00:00:00Z");
    assertThat(post(order).status()).isEqualTo(200);

    order.put("processed_at", "2024-09-10T17:00:05+02:00");
    assertThat(post(order).message()).isEqualTo("purchase recorded");
    try (var c = ds.getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT field, raw, record_kept FROM rejected_record ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3)).isEqualTo("total_price -59.80 false");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("processed_at 2999-01-01T00:00:00Z");
      assertThat(rs.next()).isFalse();
    }
  }
}
