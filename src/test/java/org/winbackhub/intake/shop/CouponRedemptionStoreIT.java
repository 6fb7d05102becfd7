package org.winbackhub.intake.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.PhoneNormalizer;
import org.winbackhub.model.Channel;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.CouponRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestContacts;
import org.winbackhub.store.TestMessages;
import org.winbackhub.store.TestStores;

/**
 * A code the hub gave, used in a shop order that comes in through the order webhook, is redeemed
 * with the order, its time and its customer, tied to the message that carried the code; on both
 * stores.
 */
class CouponRedemptionStoreIT {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-10-08T12:00:00Z"), ZoneOffset.UTC);
  static final ShopSignature SIGNATURE = new ShopSignature("webhook-secret-for-tests");

  @OnBothStores
  void an_order_using_a_given_code_redeems_it_once_with_the_order(String store) throws Exception {
    try (HikariDataSource ds = TestStores.of(store, "coupon_redemption_test")) {
      Database db = new Database(ds);
      EventRepository events = new EventRepository(db);
      CouponRepository coupons = new CouponRepository(db);
      CouponListing listing = new CouponListing(db);
      ShopWebhook webhook =
          new ShopWebhook(
              "shop",
              SIGNATURE,
              FieldRules.defaults(new PhoneNormalizer("ES"), ZoneId.of("Europe/Madrid"), CLOCK),
              new ContactIntake(
                  db, new ContactRepository(db), events, new RejectRepository(db), CLOCK));
      Instant given = Instant.parse("2024-10-01T09:00:00Z");
      long clara =
          TestContacts.insert(db, given, TestContacts.person("clara@example.com", "Clara")).get(0);
      long message =
          TestMessages.queue(
                  db,
                  "winback:1:" + clara + ":coupon:email",
                  clara,
                  Channel.EMAIL,
                  "clara@example.com",
                  "email/x",
                  "spring",
                  given)
              .id();
      coupons.load("spring", List.of("VUELVE5", "VUELVE6"), given);
      assertThat(coupons.giveFree("spring", clara, message, given)).contains("VUELVE5");

      // the shop's documented order payload; the customer typed the code in lower case
      String order =
          Files.readString(Path.of("src/test/resources/shop/webhook-order.json"))
              .replace("\"code\":\"VUELVE5\"", "\"code\":\"vuelve5\"");
      assertThat(receive(webhook, order).message()).isEqualTo("purchase recorded");

      CouponListing.Coupon redeemed = listing.byCode("VUELVE5").orElseThrow();
      assertThat(redeemed.outboxId()).as("the message that carried it").isEqualTo(message);
      assertThat(redeemed.redeemedAt()).isEqualTo(Instant.parse("2024-10-07T16:00:00Z"));
      assertThat(redeemed.redeemedOrder()).isEqualTo("shop:purchase:450789480");
      assertThat(redeemed.redeemedBy()).isEqualTo(clara);

      // the shop resends it, and a later order uses the same code: the first order keeps it
      assertThat(receive(webhook, order).status()).isEqualTo(200);
      String later =
          order
              .replace("450789480", "450789999")
              .replace("2024-10-07T18:00:00+02:00", "2024-10-08T10:00:00+02:00");
      assertThat(receive(webhook, later).message()).isEqualTo("purchase recorded");
      assertThat(listing.byCode("vuelve5").orElseThrow()).isEqualTo(redeemed);
      assertThat(listing.byCode("VUELVE6").orElseThrow().redeemedAt())
          .as("a code not used stays as it was")
          .isNull();
      assertThat(listing.counts())
          .singleElement()
          .satisfies(p -> assertThat(p.redeemed()).isEqualTo(1));
    }
  }

  private static ShopWebhook.Answer receive(ShopWebhook webhook, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return webhook.receive(bytes, SIGNATURE.sign(bytes), "orders/create", "w-1");
  }
}
