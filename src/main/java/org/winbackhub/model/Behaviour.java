package org.winbackhub.model;

import java.util.Locale;

/**
 * Why a buyer buys, from their purchases: on one day only, mostly with a discount, or regularly.
 * None (null) without a purchase. Stored (contact_fact.behaviour) as {@link #sql()}.
 */
public enum Behaviour {
  ONE_OFF,
  DISCOUNT_DRIVEN,
  REGULAR;

  /** The stored word: "one_off", "discount_driven", "regular". */
  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The behaviour a stored word names; null for null. */
  public static Behaviour of(String stored) {
    return stored == null ? null : valueOf(stored.toUpperCase(Locale.ROOT));
  }
}
