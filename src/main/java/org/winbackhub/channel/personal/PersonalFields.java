package org.winbackhub.channel.personal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.EventRepository;

/**
 * The personal fields a template may name, for one message to one contact. Only the fields a
 * template uses are looked up (the last purchase is read, and a coupon code given, only then). A
 * field without a value is left out, so the template's fallback ({@code {{field|fallback}}}) shows;
 * a message that offers a coupon never goes without its code: {@link CouponIssuer} gives one or
 * throws.
 */
public final class PersonalFields {
  public static final String FIRST_NAME = "first_name";
  public static final String LAST_NAME = "last_name";
  public static final String EMAIL = "email";
  public static final String LAST_PRODUCT = "last_product";
  public static final String DAYS_SINCE_PURCHASE = "days_since_purchase";
  public static final String OFFER = "offer";
  public static final String COUPON_CODE = "coupon_code";

  /** Every field a template may name. */
  public static final Set<String> NAMES =
      Set.of(FIRST_NAME, LAST_NAME, EMAIL, LAST_PRODUCT, DAYS_SINCE_PURCHASE, OFFER, COUPON_CODE);

  /** The fields that have a value only when the step names an offer. */
  public static final Set<String> OFFER_FIELDS = Set.of(OFFER, COUPON_CODE);

  private final EventRepository events;
  private final CouponIssuer coupons;
  private final ZoneId zone;
  private final Clock clock;

  public PersonalFields(EventRepository events, CouponIssuer coupons, ZoneId zone, Clock clock) {
    this.events = events;
    this.coupons = coupons;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * The values of the {@code used} fields for message {@code m} to {@code contact}; blank or
   * unknown ones are absent. {@code email} is the address the message goes to (an email's
   * recipient), else the contact's.
   */
  public Map<String, String> values(OutboxMessage m, Contact contact, Set<String> used) {
    Map<String, String> values = new HashMap<>();
    put(values, FIRST_NAME, contact.firstName());
    put(values, LAST_NAME, contact.lastName());
    put(values, EMAIL, m.channel() == Channel.EMAIL ? m.recipient() : contact.email());
    if (used.contains(LAST_PRODUCT) || used.contains(DAYS_SINCE_PURCHASE)) {
      Optional<EventRepository.LastPurchase> last = events.lastPurchase(contact.id());
      last.ifPresent(
          p -> {
            put(values, LAST_PRODUCT, p.product());
            long days =
                ChronoUnit.DAYS.between(
                    p.at().atZone(zone).toLocalDate(), clock.instant().atZone(zone).toLocalDate());
            put(values, DAYS_SINCE_PURCHASE, String.valueOf(Math.max(0, days)));
          });
    }
    if (m.offer() != null) {
      if (used.contains(OFFER)) {
        put(values, OFFER, coupons.text(m.offer()));
      }
      if (used.contains(COUPON_CODE)) {
        put(values, COUPON_CODE, coupons.code(m));
      }
    }
    return values;
  }

  /**
   * Refuses a message whose template shows an offer field without a fallback ({@code bare}: the
   * fields used without one) while the message has no value for it: one whose step names no offer.
   * So no message ever shows an empty code.
   */
  public static void requireOfferFields(
      OutboxMessage m, Map<String, String> values, Collection<String> bare) {
    for (String field : bare) {
      if (OFFER_FIELDS.contains(field) && !values.containsKey(field)) {
        throw new IllegalStateException(
            "template "
                + m.template()
                + " shows {{"
                + field
                + "}} without a fallback, and message "
                + m.id()
                + " offers no coupon pool: its step needs an offer");
      }
    }
  }

  private static void put(Map<String, String> values, String field, String value) {
    if (value != null && !value.isBlank()) {
      values.put(field, value.strip());
    }
  }
}
