package org.winbackhub.intake.shop;

import static org.winbackhub.intake.shop.ShopJson.id;
import static org.winbackhub.intake.shop.ShopJson.instant;
import static org.winbackhub.intake.shop.ShopJson.text;

import com.fasterxml.jackson.databind.JsonNode;
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
 * usable id is refused whole. The order's purchase and refunds are {@link ShopOrderEvents}'.
 */
public final class ShopMapper {
  private final String source;
  private final FieldRules rules;
  private final ShopOrderEvents orders;

  public ShopMapper(String source, FieldRules rules) {
    this.source = source;
    this.rules = rules;
    this.orders = new ShopOrderEvents(source, rules);
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
    ContactEvent purchase = orders.purchase(fields, o, id);
    Boolean live = fields.eventField(() -> instant(o, "cancelled_at") == null);
    if (purchase != null && Boolean.TRUE.equals(live)) {
      events.add(
          purchase); // cancelled: no purchase; checked after the rest, so bad fields still show
    }
    events.addAll(orders.refunds(fields, o));
    return fields.done(new SourceRecord(who, events), id, customerId);
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
      deleted.eventDeleted(
          ShopOrderEvents.purchaseId(id), "order cancelled in the shop (cancelled_at " + at + ")");
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
