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
import java.util.Locale;
import org.winbackhub.intake.DeletedRows;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.InvalidFieldException;
import org.winbackhub.intake.Mapped;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/**
 * Turns Shopify Admin REST API (2024-10) customers and orders into normalized records. An order is
 * a purchase of its customer (linked by the shop's customer id) with its amount, currency, items
 * and discount codes, at processed_at (or created_at); a cancelled order is no purchase, only its
 * customer is taken in, and a purchase stored before it was cancelled stops counting ({@link
 * #noteCancelled}). Each of the order's {@code refunds[]} with money given back (its successful
 * {@code refund} transactions) is a refund event of its own. A bad customer field costs that field;
 * a bad amount, date or currency costs the purchase (or that refund); only a record without a
 * usable id is refused whole.
 */
public final class ShopMapper {
  private final String source;
  private final FieldRules rules;

  public ShopMapper(String source, FieldRules rules) {
    this.source = source;
    this.rules = rules;
  }

  /** The record's key (its id), for rejections; null when it has none. */
  static String key(JsonNode record) {
    JsonNode id = record.get("id");
    return id == null || id.isNull() ? null : FieldRules.shown(id.asText());
  }

  /** When the shop last changed the record: the watermark's change marker. */
  static Instant updatedAt(JsonNode record) {
    Instant at = instant(record, "updated_at");
    if (at == null) {
      throw new InvalidFieldException("updated_at", "missing: every record needs its change time");
    }
    return at;
  }

  public Mapped customer(JsonNode c) {
    Mapped.Fields fields = new Mapped.Fields();
    String id;
    try {
      id = id(c, "id", "customer");
    } catch (InvalidFieldException e) {
      return fields.rejectWhole(e, key(c), null);
    }
    Consent email = consent(fields, c, "email_marketing_consent");
    Consent sms = consent(fields, c, "sms_marketing_consent");
    SourceContact contact =
        rules.contact(
            fields,
            source,
            id,
            text(c, "email"),
            text(c, "phone"),
            text(c, "first_name"),
            text(c, "last_name"),
            email,
            sms,
            null);
    return fields.done(new SourceRecord(contact, List.of()), id, id);
  }

  public Mapped order(JsonNode o) {
    Mapped.Fields fields = new Mapped.Fields();
    String id;
    String customerId;
    JsonNode customer = o.get("customer");
    try {
      id = id(o, "id", "order");
      if (customer == null || customer.isNull() || !customer.isObject()) {
        throw new InvalidFieldException(
            "customer", "missing: an order without a customer cannot be linked to a contact");
      }
      customerId = id(customer, "id", "customer.id");
    } catch (InvalidFieldException e) {
      return fields.rejectWhole(e, key(o), null);
    }
    SourceContact who =
        new SourceContact(
            source,
            customerId,
            orderEmail(o, customer),
            null,
            null,
            null,
            Consent.UNKNOWN,
            Consent.UNKNOWN);
    List<ContactEvent> events = new ArrayList<>();
    ContactEvent purchase = purchase(fields, o, id);
    Boolean live = fields.eventField(() -> instant(o, "cancelled_at") == null);
    if (purchase != null && Boolean.TRUE.equals(live)) {
      events.add(
          purchase); // cancelled: no purchase; checked after the rest, so bad fields still show
    }
    events.addAll(refunds(fields, o));
    return fields.done(new SourceRecord(who, events), id, customerId);
  }

  /** The order as a purchase, or null when a field it needs was refused. */
  private ContactEvent purchase(Mapped.Fields fields, JsonNode o, String id) {
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
  private List<ContactEvent> refunds(Mapped.Fields fields, JsonNode o) {
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

  /**
   * Notes in {@code deleted} that a cancelled order's purchase stops counting (a purchase taken in
   * before the cancellation, by the webhook or an earlier poll), whatever else of the order is
   * refused.
   */
  static void noteCancelled(JsonNode order, DeletedRows deleted) {
    Instant at;
    try {
      at = instant(order, "cancelled_at");
    } catch (InvalidFieldException e) {
      return; // the order's mapping refuses the field, and the purchase with it
    }
    String id = key(order);
    if (at != null && id != null) {
      deleted.eventDeleted(purchaseId(id), "order cancelled in the shop (cancelled_at " + at + ")");
    }
  }

  /**
   * The buyer's email as the order carries it; a malformed one is left out, the order still counts.
   */
  private String orderEmail(JsonNode o, JsonNode customer) {
    String email = text(customer, "email");
    if (email == null) {
      email = text(o, "email");
    }
    try {
      return rules.email(email);
    } catch (InvalidFieldException e) {
      return null;
    }
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

  /**
   * Shopify's marketing consent states: subscribed grants; unsubscribed and redacted (erased on the
   * customer's request) opt out; not_subscribed, pending (double opt-in not confirmed) and invalid
   * say nothing. Any other state is never taken as consent: opted out, and refused.
   */
  private static Consent consent(Mapped.Fields fields, JsonNode c, String field) {
    JsonNode consent = c.get(field);
    if (consent == null || consent.isNull()) {
      return Consent.UNKNOWN;
    }
    String state = text(consent, "state");
    if (state == null) {
      return Consent.UNKNOWN;
    }
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "subscribed" -> Consent.GRANTED;
      case "unsubscribed", "redacted" -> Consent.OPTED_OUT;
      case "not_subscribed", "pending", "invalid" -> Consent.UNKNOWN;
      default ->
          FieldRules.unreadableOptOut(
              fields,
              field + ".state",
              "expected subscribed, not_subscribed, pending, unsubscribed, redacted or invalid",
              FieldRules.shown(state));
    };
  }
}
