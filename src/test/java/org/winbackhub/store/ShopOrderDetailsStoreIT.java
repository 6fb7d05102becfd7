package org.winbackhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winbackhub.store.TestContacts.person;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;

/**
 * V3__order_details on both stores: a purchase keeps its items and discount codes, within bounds.
 */
class ShopOrderDetailsStoreIT {

  @OnBothStores
  void should_keep_items_and_discount_codes_and_leave_other_events_without(String store)
      throws Exception {
    try (HikariDataSource ds = TestStores.of(store, "shop_order_details_test")) {
      Database db = new Database(ds);
      EventRepository events = new EventRepository(db);
      ContactRepository contacts = new ContactRepository(db);
      Instant now = Instant.parse("2024-10-07T10:00:00Z");
      List<OrderDetails.Item> many = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        many.add(
            new OrderDetails.Item(
                "SKU-" + i, "A rather long product title number " + i, 1, new BigDecimal("9.99")));
      }
      int added =
          db.inTransaction(
              "test",
              c -> {
                long id =
                    contacts
                        .insert(c, List.of(person("a@example.com", "A", Consent.UNKNOWN)), now)
                        .get(0);
                return events.append(
                    c,
                    List.of(
                        new EventRepository.Owned(
                            id,
                            new ContactEvent(
                                "shop",
                                "purchase:1",
                                EventType.PURCHASE,
                                now,
                                new BigDecimal("59.80"),
                                "EUR",
                                null,
                                new OrderDetails(
                                    List.of(
                                        new OrderDetails.Item(
                                            "TEE", "Camiseta", 2, new BigDecimal("19.90"))),
                                    List.of(
                                        new OrderDetails.DiscountCode(
                                            "WELCOME10", new BigDecimal("6.00"), "percentage")),
                                    new BigDecimal("6.00")))),
                        new EventRepository.Owned(
                            id,
                            new ContactEvent(
                                "shop",
                                "purchase:2",
                                EventType.PURCHASE,
                                now,
                                new BigDecimal("1998.00"),
                                "EUR",
                                null,
                                new OrderDetails(many, List.of(), BigDecimal.ZERO))),
                        new EventRepository.Owned(
                            id,
                            new ContactEvent(
                                "loyalty", "V1", EventType.VISIT, now, null, null, null))),
                    now);
              });
      assertThat(added).isEqualTo(3);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT external_id, discount_amount, discount_codes, items FROM contact_event"
                      + " ORDER BY external_id")) {
        rs.next();
        assertThat(rs.getString("external_id")).isEqualTo("V1");
        assertThat(rs.getString("items")).isNull();
        assertThat(rs.getString("discount_codes")).isNull();
        rs.next();
        assertThat(rs.getBigDecimal("discount_amount")).isEqualByComparingTo("6.00");
        assertThat(rs.getString("discount_codes"))
            .isEqualTo("[{\"code\":\"WELCOME10\",\"amount\":6.00,\"type\":\"percentage\"}]");
        assertThat(rs.getString("items"))
            .isEqualTo("[{\"sku\":\"TEE\",\"title\":\"Camiseta\",\"quantity\":2,\"price\":19.90}]");
        rs.next();
        String items = rs.getString("items");
        assertThat(items.length()).isLessThanOrEqualTo(8000);
        assertThat(items)
            .startsWith("[{\"sku\":\"SKU-0\"")
            .endsWith("}]")
            .doesNotContain("SKU-199");
      }
    }
  }
}
