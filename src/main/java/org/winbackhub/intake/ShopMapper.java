package org.winbackhub.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/**
 * Turns Shopify Admin REST API (2024-10) customers and orders into normalized records. An order
 * is a purchase of its customer (linked by the shop's customer id) with its amount, currency,
 * items and discount codes, at processed_at (or created_at); a cancelled order is no purchase,
 * only its customer is taken in, and a purchase stored before it was cancelled stops counting
 * ({@link #noteCancelled}). A field that breaks a rule throws {@link InvalidFieldException} naming
 * the field.
 */
public final class ShopMapper {
  private final String source;
  private final EmailNormalizer emails = new EmailNormalizer();
  private final PhoneNormalizer phones;

  public ShopMapper(String source, PhoneNormalizer phones) {
    this.source = source;
    this.phones = phones;
  }

  /** The record's key (its id), for rejections; null when it has none. */
  static String key(JsonNode record) {
    JsonNode id = record.get("id");
    return id == null || id.isNull() ? null : id.asText();
  }

  /** When the shop last changed the record: the watermark's change marker. */
  static Instant updatedAt(JsonNode record) {
    Instant at = instant(record, "updated_at");
    if (at == null) {
      throw new InvalidFieldException("updated_at", "missing: every record needs its change time");
    }
    return at;
  }

  public SourceRecord customer(JsonNode c) {
    String id = id(c, "id", "customer");
    SourceContact contact =
        new SourceContact(
            source,
            id,
            emails.normalize(text(c, "email")),
            phones.normalize(text(c, "phone")),
            text(c, "first_name"),
            text(c, "last_name"),
            consent(c, "email_marketing_consent"),
            consent(c, "sms_marketing_consent"));
    return new SourceRecord(contact, List.of());
  }

  public SourceRecord order(JsonNode o) {
    String id = id(o, "id", "order");
    JsonNode customer = o.get("customer");
    if (customer == null || customer.isNull() || !customer.isObject()) {
      throw new InvalidFieldException("customer", "missing: an order without a customer cannot be linked to a contact");
    }
    String customerId = id(customer, "id", "customer.id");
    SourceContact who =
        new SourceContact(source, customerId, orderEmail(o, customer), null, null, null, Consent.UNKNOWN, Consent.UNKNOWN);
    Instant at = instant(o, "processed_at");
    if (at == null) {
      at = instant(o, "created_at");
    }
    if (at == null) {
      throw new InvalidFieldException("processed_at", "missing, and no created_at either: when the order was placed");
    }
    BigDecimal amount = decimal(o, "total_price");
    if (amount == null) {
      throw new InvalidFieldException("total_price", "missing: a purchase needs an amount");
    }
    String currency = text(o, "currency");
    if (currency == null || !currency.matches("[A-Za-z]{3}")) {
      throw new InvalidFieldException("currency", "expected a three-letter ISO 4217 code, got " + (currency == null ? "nothing" : "'" + currency + "'"));
    }
    OrderDetails details = new OrderDetails(items(o), discountCodes(o), decimal(o, "total_discounts"));
    if (instant(o, "cancelled_at") != null) {
      return new SourceRecord(who, List.of()); // cancelled: no purchase; checked after the rest, so bad fields still show
    }
    ContactEvent purchase =
        new ContactEvent(source, purchaseId(id), EventType.PURCHASE, at, amount,
            currency.toUpperCase(Locale.ROOT), null, details);
    return new SourceRecord(who, List.of(purchase));
  }

  /** The purchase's id in the hub for a shop order id: the poll and the webhooks agree on it. */
  static String purchaseId(String orderId) {
    return EventType.PURCHASE.code() + ":" + orderId;
  }

  /**
   * Notes in {@code deleted} that a cancelled order's purchase stops counting (a purchase taken in
   * before the cancellation, by the webhook or an earlier poll). Read before the rest of the order,
   * so that a bad field elsewhere does not keep a cancelled purchase counting.
   */
  static void noteCancelled(JsonNode order, DeletedRows deleted) {
    Instant at = instant(order, "cancelled_at");
    String id = key(order);
    if (at != null && id != null) {
      deleted.eventDeleted(purchaseId(id), "order cancelled in the shop (cancelled_at " + at + ")");
    }
  }

  /** The buyer's email as the order carries it; a malformed one is left out, the order still counts. */
  private String orderEmail(JsonNode o, JsonNode customer) {
    String email = text(customer, "email");
    if (email == null) {
      email = text(o, "email");
    }
    try {
      return emails.normalize(email);
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
        if (q == null || !q.canConvertToInt() || (!q.isIntegralNumber() && !q.asText().matches("\\d+"))) {
          throw new InvalidFieldException(field + ".quantity", "expected a whole number");
        }
        items.add(new OrderDetails.Item(text(l, "sku"), text(l, "title"), q.asInt(), decimal(l, "price", field + ".price")));
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
        codes.add(new OrderDetails.DiscountCode(text(d, "code"), decimal(d, "amount", "discount_codes[" + i + "].amount"), text(d, "type")));
      }
    }
    return codes;
  }

  /**
   * Shopify's marketing consent states: subscribed grants; unsubscribed and redacted (erased on
   * the customer's request) opt out; not_subscribed, pending (double opt-in not confirmed) and
   * invalid say nothing.
   */
  private static Consent consent(JsonNode c, String field) {
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
      default -> throw new InvalidFieldException(field + ".state",
          "expected subscribed, not_subscribed, pending, unsubscribed, redacted or invalid, got '" + state + "'");
    };
  }

  private static String id(JsonNode node, String field, String name) {
    JsonNode id = node.get(field);
    if (id == null || id.isNull() || id.asText().isBlank()) {
      throw new InvalidFieldException(name.contains(".") ? name : "id", "missing: every " + name + " needs its id");
    }
    if (!id.isIntegralNumber() && !id.asText().matches("\\d{1,20}")) {
      throw new InvalidFieldException(name.contains(".") ? name : "id", "expected a numeric id");
    }
    return id.asText();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText().trim();
    return s.isEmpty() ? null : s;
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    return decimal(node, field, field);
  }

  /** Shopify sends money as strings ("598.94"); numbers are accepted too. */
  private static BigDecimal decimal(JsonNode node, String field, String name) {
    String s = text(node, field);
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(name, "not a number: '" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "'");
    }
  }

  private static Instant instant(JsonNode node, String field) {
    String s = text(node, field);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(field, "expected an ISO-8601 time with offset, e.g. 2024-10-01T12:30:00-04:00");
    }
  }
}
