package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestStores;

/** What the order webhook answers: never a 5xx for the sender's data, a 503 when the store is down. */
class ShopWebhookTest {
  static final ShopSignature SIGNATURE = new ShopSignature("unit-secret");
  final HikariDataSource ds = TestStores.h2();
  final Database db = new Database(ds);
  final ShopWebhook webhook = new ShopWebhook("shop", SIGNATURE, new PhoneNormalizer("ES"),
      new ContactIntake(db, new ContactRepository(db), new EventRepository(db), new RejectRepository(db), Clock.systemUTC()));

  @AfterEach
  void close() {
    ds.close();
  }

  ShopWebhook.Answer receive(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return webhook.receive(bytes, SIGNATURE.sign(bytes), "orders/create", "w-1");
  }

  static String order(String total) {
    return "{\"id\":77,\"updated_at\":\"2024-10-07T18:00:01+02:00\",\"processed_at\":\"2024-10-07T18:00:00+02:00\","
        + "\"currency\":\"EUR\",\"total_price\":\"" + total + "\",\"customer\":{\"id\":5,\"email\":\"x@example.com\"}}";
  }

  @Test
  void a_good_order_is_a_purchase_and_a_bad_value_is_a_reject_acknowledged_with_200() {
    assertThat(receive(order("12.00"))).isEqualTo(new ShopWebhook.Answer(200, "purchase recorded"));
    ShopWebhook.Answer bad = receive(order("1e12").replace("\"id\":77", "\"id\":78"));
    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.message()).startsWith("rejected: ");
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
    assertThat(receive("not json").status()).as("even when the reject cannot be kept").isEqualTo(503);
  }
}
