package org.winbackhub.intake.shop;

import static org.winbackhub.intake.shop.ShopJson.decimal;
import static org.winbackhub.intake.shop.ShopJson.id;
import static org.winbackhub.intake.shop.ShopJson.instant;
import static org.winbackhub.intake.shop.ShopJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.InvalidFieldException;
import org.winbackhub.intake.Mapped;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;

/**
 * The money events of a Shopify order: its purchase (amount, currency, items, discount codes, at
 * processed_at or created_at) and a refund event for each of its {@code refunds[]} that gave money
 * back. A bad amount, date or currency costs that event; a bad item or discount code costs only the
 * order's details.
 */
final class ShopOrderEvents {
  private final String source;
  private final FieldRules rules;

  ShopOrderEvents(String source, FieldRules rules) {
    this.source = source;
    this.rules = rules;
  }

  /** The order as a purchase, or null when a field it needs was refused. */
  ContactEvent purchase(Mapped.Fields fields, JsonNode o, String id) {
    Instant at =
        fields.eventField(
            () -> {
              Instant t = instant(o, "processed_at");
              t = t != null ? t : instant(o, "created_at");
              if (t == null) {
                throw new InvalidFieldException(
                    "processed_at", "missing, and no created_at either: when the order was placed");
              }
              return rules.occurredAt("processed_at", t);
            });
    BigDecimal amount =
        fields.eventField(
            () -> {
              BigDecimal a = decimal(o, "total_price");
              if (a == null) {
                throw new InvalidFieldException(
                    "total_price", "missing: a purchase needs an amount");
              }
              return rules.amount("total_price", a, EventType.PURCHASE);
            });
    String currency =
        fields.eventField(() -> currency(o.get("currency") == null ? null : text(o, "currency")));
    if (at == null || amount == null || currency == null) {
      return null;
    }
    List<OrderDetails.Item> items = fields.field(() -> items(o));
    List<OrderDetails.DiscountCode> codes = fields.field(() -> discountCodes(o));
    BigDecimal discount =
        fields.field(
            () ->
                rules.amount("total_discounts", decimal(o, "total_discounts"), EventType.PURCHASE));
    return new ContactEvent(
        source,
        purchaseId(id),
        EventType.PURCHASE,
        at,
        amount,
        currency,
        null,
        new OrderDetails(items, codes, discount));
  }

  /**
   * The order's refunds that gave money back: each a refund event {@code refund:{id}} with the sum
   * of its successful refund transactions, at processed_at (or created_at). A refund with a bad
   * field is refused alone; the order and its other refunds go on.
   */
  List<ContactEvent> refunds(Mapped.Fields fields, JsonNode o) {
    List<ContactEvent> out = new ArrayList<>();
    JsonNode refunds = o.get("refunds");
    if (refunds == null || !refunds.isArray()) {
      return out;
    }
    for (int i = 0; i < refunds.size(); i++) {
      JsonNode r = refunds.get(i);
      String name = "refunds[" + i + "]";
      ContactEvent refund = fields.eventField(() -> refund(r, name, text(o, "currency")));
      if (refund != null && refund.amount().signum() > 0) {
        out.add(refund);
      }
    }
    return out;
  }

  private ContactEvent refund(JsonNode r, String name, String orderCurrency) {
    String id = id(r, "id", name + ".id");
    Instant at = instant(r, "processed_at", name + ".processed_at");
    at = at != null ? at : instant(r, "created_at", name + ".created_at");
    if (at == null) {
      throw new InvalidFieldException(name + ".created_at", "missing: when the refund was made");
    }
    at = rules.occurredAt(name + ".processed_at", at);
    BigDecimal total = BigDecimal.ZERO;
    String currency = null;
    JsonNode transactions = r.get("transactions");
    if (transactions != null && transactions.isArray()) {
      for (int t = 0; t < transactions.size(); t++) {
        JsonNode tx = transactions.get(t);
        if ("refund".equals(text(tx, "kind")) && "success".equals(text(tx, "status"))) {
          String field = name + ".transactions[" + t + "].amount";
          BigDecimal amount = decimal(tx, "amount", field);
          if (amount == null) {
            throw new InvalidFieldException(field, "missing: a refund transaction needs an amount");
          }
          total = total.add(rules.amount(field, amount, EventType.REFUND));
          currency = currency != null ? currency : text(tx, "currency");
        }
      }
    }
    String cur =
        FieldRules.currency(name + ".currency", currency != null ? currency : orderCurrency, null);
    if (cur == null && total.signum() > 0) {
      throw new InvalidFieldException(name + ".currency", "missing: a refund needs a currency");
    }
    total = rules.amount(name + ".amount", total, EventType.REFUND);
    return new ContactEvent(
        source, EventType.REFUND.code() + ":" + id, EventType.REFUND, at, total, cur, null);
  }

  private static String currency(String currency) {
    if (currency == null) {
      throw new InvalidFieldException("currency", "missing: expected a three-letter ISO 4217 code");
    }
    return FieldRules.currency("currency", currency, null);
  }

  /** The purchase's id in the hub for a shop order id: the poll and the webhooks agree on it. */
  static String purchaseId(String orderId) {
    return EventType.PURCHASE.code() + ":" + orderId;
  }

  private static List<OrderDetails.Item> items(JsonNode o) {
    List<OrderDetails.Item> items = new ArrayList<>();
    JsonNode lines = o.get("line_items");
    if (lines != null && lines.isArray()) {
      for (int i = 0; i < lines.size(); i++) {
        JsonNode l = lines.get(i);
        String field = "line_items[" + i + "]";
        JsonNode q = l.get("quantity");
        if (q == null
            || !q.canConvertToInt()
            || (!q.isIntegralNumber() && !q.asText().matches("\\d+"))) {
          throw new InvalidFieldException(field + ".quantity", "expected a whole number");
        }
        items.add(
            new OrderDetails.Item(
                text(l, "sku"),
                text(l, "title"),
                q.asInt(),
                decimal(l, "price", field + ".price")));
      }
    }
    return items;
  }

  private static List<OrderDetails.DiscountCode> discountCodes(JsonNode o) {
    List<OrderDetails.DiscountCode> codes = new ArrayList<>();
    JsonNode list = o.get("discount_codes");
    if (list != null && list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        JsonNode d = list.get(i);
        codes.add(
            new OrderDetails.DiscountCode(
                text(d, "code"),
                decimal(d, "amount", "discount_codes[" + i + "].amount"),
                text(d, "type")));
      }
    }
    return codes;
  }
}
