package org.winbackhub.intake.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.Mapped;
import org.winbackhub.intake.PhoneNormalizer;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/** Shopify's documented customer and order JSON (the fixtures in src/test/resources/shop). */
class ShopMapperTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2024-10-01T12:00:00Z");
  final ShopMapper mapper =
      new ShopMapper(
          "shop",
          FieldRules.defaults(
              new PhoneNormalizer("ES"),
              ZoneId.of("Europe/Madrid"),
              Clock.fixed(NOW, ZoneOffset.UTC)));

  static JsonNode fixture(String file, String list, int i) throws Exception {
    return JSON.readTree(Path.of("src/test/resources/shop", file).toFile()).get(list).get(i);
  }

  @Test
  void should_take_a_customer_with_normalized_email_and_consent_from_marketing_states()
      throws Exception {
    SourceContact ana =
        mapper.customer(fixture("customers-page1.json", "customers", 0)).record().contact();
    assertThat(ana.externalId()).isEqualTo("207119551");
    assertThat(ana.email()).isEqualTo("Ana.Alba@Example.com"); // as typed; compared by its key
    assertThat(ana.firstName()).isEqualTo("Ana");
    assertThat(ana.emailConsent()).isEqualTo(Consent.GRANTED);
    assertThat(ana.smsConsent()).isEqualTo(Consent.UNKNOWN);

    SourceContact bruno =
        mapper.customer(fixture("customers-page1.json", "customers", 1)).record().contact();
    assertThat(bruno.emailConsent()).isEqualTo(Consent.OPTED_OUT);
    assertThat(bruno.smsConsent()).isEqualTo(Consent.GRANTED);
    assertThat(bruno.phone()).isEqualTo("+34612000111");

    SourceContact clara =
        mapper.customer(fixture("customers-page2.json", "customers", 0)).record().contact();
    assertThat(clara.phone()).isEqualTo("+34612000222");
    assertThat(clara.emailConsent()).isEqualTo(Consent.UNKNOWN);
  }

  @Test
  void should_make_an_order_a_purchase_of_its_customer_with_items_and_discount_codes()
      throws Exception {
    SourceRecord r = mapper.order(fixture("orders-page1.json", "orders", 0)).record();
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
    assertThat(d.discountCodes())
        .containsExactly(
            new OrderDetails.DiscountCode("WELCOME10", new BigDecimal("6.00"), "percentage"));
    assertThat(d.items())
        .extracting(OrderDetails.Item::sku, OrderDetails.Item::quantity)
        .containsExactly(Tuple.tuple("TEE-RED-M", 2), Tuple.tuple("MUG-01", 1));
  }

  @Test
  void should_use_created_at_without_processed_at_and_upper_case_the_currency() throws Exception {
    ContactEvent e =
        mapper.order(fixture("orders-page2.json", "orders", 1)).record().events().get(0);
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2024-09-14T10:00:00Z"));
    assertThat(e.currency()).isEqualTo("EUR");
  }

  @Test
  void should_link_a_cancelled_order_to_its_customer_but_count_no_purchase() throws Exception {
    SourceRecord r = mapper.order(fixture("orders-page1.json", "orders", 1)).record();
    assertThat(r.contact().externalId()).isEqualTo("207119552");
    assertThat(r.events()).isEmpty();
  }

  /** The refusals of a record as "field: reason [value] kept|lost". */
  static List<String> refused(Mapped m) {
    return m.rejections("shop", "shop orders", null).stream()
        .map(
            r ->
                r.reason()
                    + (r.raw() == null ? "" : " [" + r.raw() + "]")
                    + (r.recordKept() ? " kept" : " lost"))
        .toList();
  }

  @Test
  void should_refuse_a_bad_amount_with_the_purchase_alone_and_name_the_field() throws Exception {
    Mapped twelve = mapper.order(fixture("orders-page2.json", "orders", 0));
    assertThat(refused(twelve)).containsExactly("total_price: not a number [twelve] lost");
    assertThat(twelve.record().events()).isEmpty();
    assertThat(twelve.record().contact().externalId()).isNotBlank();
    for (String[] bad :
        new String[][] {
          {
            "total_price",
            "-5.00",
            "total_price: a purchase cannot be negative (refunds are events of their own: type"
                + " refund) [-5.00] lost"
          },
          {
            "total_price",
            "1e12",
            "total_price: out of range: above the maximum of 1000000 (hub.intake.max-amount)"
                + " [1000000000000] lost"
          },
          {
            "currency",
            "euro",
            "currency: expected a three-letter ISO 4217 code such as EUR [euro] lost"
          },
          {
            "processed_at",
            "1900-01-01T00:00:00Z",
            "processed_at: out of range: before 1990-01-01 (hub.intake.earliest-date)"
                + " [1900-01-01T00:00:00Z] lost"
          },
          {
            "processed_at",
            "9999-01-01T00:00:00Z",
            "processed_at: out of range: more than 24 hours in the future (hub.intake.max-ahead)"
                + " [9999-01-01T00:00:00Z] lost"
          }
        }) {
      ObjectNode o = (ObjectNode) fixture("orders-page1.json", "orders", 0);
      o.put(bad[0], bad[1]);
      Mapped m = mapper.order(o);
      assertThat(refused(m)).as(bad[1]).containsExactly(bad[2]);
      assertThat(m.record().events()).as(bad[1]).isEmpty();
      assertThat(m.lost()).isTrue();
    }
  }

  @Test
  void should_refuse_an_order_whole_only_without_a_usable_id_or_customer() throws Exception {
    ObjectNode noCustomer = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    noCustomer.remove("customer");
    Mapped m = mapper.order(noCustomer);
    assertThat(m.record()).isNull();
    assertThat(refused(m)).singleElement().asString().startsWith("customer: missing");
    ObjectNode noId = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    noId.put("id", "");
    assertThat(mapper.order(noId).record()).isNull();
  }

  @Test
  void should_keep_a_purchase_without_its_items_when_a_line_is_bad() throws Exception {
    ObjectNode badQuantity = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    ((ObjectNode) badQuantity.get("line_items").get(1)).put("quantity", "many");
    Mapped m = mapper.order(badQuantity);
    assertThat(refused(m)).containsExactly("line_items[1].quantity: expected a whole number kept");
    assertThat(m.record().events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.amount()).isEqualByComparingTo("59.80");
              assertThat(e.order().items()).isEmpty();
              assertThat(e.order().discountCodes()).hasSize(1);
            });
  }

  @Test
  void
      should_take_a_customer_without_a_bad_field_and_never_take_an_unknown_consent_state_as_consent()
          throws Exception {
    ObjectNode c = (ObjectNode) fixture("customers-page1.json", "customers", 0);
    c.put("email", "ana@@example.com");
    c.put("first_name", "A".repeat(201));
    ((ObjectNode) c.get("email_marketing_consent")).put("state", "maybe");
    Mapped m = mapper.customer(c);
    assertThat(refused(m))
        .containsExactly(
            "email_marketing_consent.state: expected subscribed, not_subscribed, pending,"
                + " unsubscribed, redacted or invalid; taken as opted out until it can be read"
                + " [maybe] kept",
            "email: not a valid address: needs one @ between a name and a domain [a***@example.com]"
                + " kept",
            "first_name: longer than its column: 201 characters, at most 200 [A***] kept");
    SourceContact ana = m.record().contact();
    assertThat(ana.email()).isNull();
    assertThat(ana.firstName()).isNull();
    assertThat(ana.lastName()).isEqualTo("Alba");
    assertThat(ana.emailConsent()).isEqualTo(Consent.OPTED_OUT);
    assertThat(m.lost()).isFalse();
    ObjectNode badTime = (ObjectNode) fixture("customers-page1.json", "customers", 0);
    badTime.put("updated_at", "yesterday");
    assertThatThrownBy(() -> ShopMapper.updatedAt(badTime)).hasMessageStartingWith("updated_at:");
  }

  @Test
  void should_take_each_refund_that_gave_money_back_as_a_refund_event() throws Exception {
    ObjectNode o = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    o.set(
        "refunds",
        JSON.readTree(
            """
            [{"id": 509562969, "created_at": "2024-09-12T10:26:56-05:00", "processed_at": "2024-09-12T10:26:56-05:00",
              "transactions": [
                {"id": 1, "kind": "refund", "status": "success", "amount": "20.00", "currency": "EUR"},
                {"id": 2, "kind": "refund", "status": "failure", "amount": "5.00", "currency": "EUR"},
                {"id": 3, "kind": "refund", "status": "success", "amount": "4.50", "currency": "EUR"}]},
             {"id": 509562970, "created_at": "2024-09-13T08:00:00Z", "transactions": []},
             {"id": 509562971, "created_at": "2024-09-14T08:00:00Z",
              "transactions": [{"id": 4, "kind": "refund", "status": "success", "amount": "lots"}]}]\
            """));
    Mapped m = mapper.order(o);
    assertThat(m.record().events())
        .extracting(ContactEvent::externalId, ContactEvent::type)
        .containsExactly(
            Tuple.tuple("purchase:450789469", EventType.PURCHASE),
            Tuple.tuple("refund:509562969", EventType.REFUND));
    ContactEvent refund = m.record().events().get(1);
    assertThat(refund.amount()).isEqualByComparingTo("24.50");
    assertThat(refund.currency()).isEqualTo("EUR");
    assertThat(refund.occurredAt()).isEqualTo(Instant.parse("2024-09-12T15:26:56Z"));
    assertThat(refused(m))
        .containsExactly("refunds[2].transactions[0].amount: not a number [lots] lost");
  }

  @Test
  void should_keep_an_order_whose_own_email_is_malformed() throws Exception {
    ObjectNode o = (ObjectNode) fixture("orders-page1.json", "orders", 0);
    ((ObjectNode) o.get("customer")).put("email", "not-an-address");
    SourceRecord r = mapper.order(o).record();
    assertThat(r.contact().email()).isNull();
    assertThat(r.events()).hasSize(1);
  }
}
