package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/** Shopify's documented customer and order JSON (the fixtures in src/test/resources/shop). */
class ShopMapperTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final ShopMapper mapper = new ShopMapper("shop", new PhoneNormalizer("ES"));

  static JsonNode fixture(String file, String list, int i) throws Exception {
    return JSON.readTree(Path.of("src/test/resources/shop", file).toFile()).get(list).get(i);
  }

  @Test
  void should_take_a_customer_with_normalized_email_and_consent_from_marketing_states() throws Exception {
    SourceContact ana = mapper.customer(fixture("customers-page1.json", "customers", 0)).contact();
    assertThat(ana.externalId()).isEqualTo("207119551");
    assertThat(ana.email()).isEqualTo("ana.alba@example.com");
    assertThat(ana.firstName()).isEqualTo("Ana");
    assertThat(ana.emailConsent()).isEqualTo(Consent.GRANTED);
    assertThat(ana.smsConsent()).isEqualTo(Consent.UNKNOWN);

    SourceContact bruno = mapper.customer(fixture("customers-page1.json", "customers", 1)).contact();
    assertThat(bruno.emailConsent()).isEqualTo(Consent.OPTED_OUT);
    assertThat(bruno.smsConsent()).isEqualTo(Consent.GRANTED);
    assertThat(bruno.phone()).isEqualTo("+34612000111");

    SourceContact clara = mapper.customer(fixture("customers-page2.json", "customers", 0)).contact();
    assertThat(clara.phone()).isEqualTo("+34612000222");
    assertThat(clara.emailConsent()).isEqualTo(Consent.UNKNOWN);
  }

  @Test
  void should_make_an_order_a_purchase_of_its_customer_with_items_and_discount_codes() throws Exception {
    SourceRecord r = mapper.order(fixture("orders-page1.json", "orders", 0));
    assertThat(r.contact().externalId()).isEqualTo("207119551");
    assertThat(r.contact().email()).isEqualTo("ana.alba@example.com");
    ContactEvent e = r.events().get(0);
    assertThat(e.type()).isEqualTo(EventType.PURCHASE);
    assertThat(e.externalId()).isEqualTo("purchase:450789469");
    assertThat(e.amount()).isEqualByComparingTo("59.80");
    assertThat(e.currency()).isEqualTo("EUR");
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2024-09-10T15:00:05Z")); // processed_at
    OrderDetails d = e.order();
    assertThat(d.discountAmount()).isEqualByComparingTo("6.00");
    assertThat(d.discountCodes()).containsExactly(new OrderDetails.DiscountCode("WELCOME10", new BigDecimal("6.00"), "percentage"));
    assertThat(d.items()).extracting(OrderDetails.Item::sku, OrderDetails.Item::quantity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("TEE-RED-M", 2), org.assertj.core.groups.Tuple.tuple("MUG-01", 1));
  }

  @Test
  void should_use_created_at_without_processed_at_and_upper_case_the_currency() throws Exception {
    ContactEvent e = mapper.order(fixture("orders-page2.json", "orders", 1)).events().get(0);
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2024-09-14T10:00:00Z"));
    assertThat(e.currency()).isEqualTo("EUR");
  }

  @Test
  void should_link_a_cancelled_order_to_its_customer_but_count_no_purchase() throws Exception {
    SourceRecord r = mapper.order(fixture("orders-page1.json", "orders", 1));
    assertThat(r.contact().externalId()).isEqualTo("207119552");
    assertThat(r.events()).isEmpty();
  }

  @Test
  void should_name_the_field_that_breaks_a_rule() throws Exception {
    assertThatThrownBy(() -> mapper.order(fixture("orders-page2.json", "orders", 0)))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessage("total_price: not a number: 'twelve'");
    ObjectNode noCustomer = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    noCustomer.remove("customer");
    assertThatThrownBy(() -> mapper.order(noCustomer)).hasMessageStartingWith("customer: missing");
    ObjectNode badCurrency = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    badCurrency.put("currency", "euro");
    assertThatThrownBy(() -> mapper.order(badCurrency)).hasMessageStartingWith("currency: expected a three-letter");
    ObjectNode badQuantity = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    ((ObjectNode) badQuantity.get("line_items").get(1)).put("quantity", "many");
    assertThatThrownBy(() -> mapper.order(badQuantity)).hasMessageStartingWith("line_items[1].quantity");
    ObjectNode badState = (ObjectNode) fixture("customers-page1.json", "customers", 0);
    ((ObjectNode) badState.get("email_marketing_consent")).put("state", "maybe");
    assertThatThrownBy(() -> mapper.customer(badState)).hasMessageStartingWith("email_marketing_consent.state");
    ObjectNode badEmail = (ObjectNode) fixture("customers-page1.json", "customers", 0);
    badEmail.put("email", "ana@@example.com");
    assertThatThrownBy(() -> mapper.customer(badEmail)).hasMessageStartingWith("email:");
    ObjectNode badTime = (ObjectNode) fixture("customers-page1.json", "customers", 0);
    badTime.put("updated_at", "yesterday");
    assertThatThrownBy(() -> ShopMapper.updatedAt(badTime)).hasMessageStartingWith("updated_at:");
  }

  @Test
  void should_keep_an_order_whose_own_email_is_malformed() throws Exception {
    ObjectNode o = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    ((ObjectNode) o.get("customer")).put("email", "not-an-address");
    SourceRecord r = mapper.order(o);
    assertThat(r.contact().email()).isNull();
    assertThat(r.events()).hasSize(1);
  }
}
