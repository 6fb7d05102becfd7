package org.winbackhub.model;

import java.util.Locale;

/**
 * How a win-back speaks to a contact: the standard offer, or "we fixed it" after a recent
 * complaint. Stored (contact_fact.treatment) and written in journeys as {@link #sql()}.
 */
public enum Treatment {
  STANDARD,
  WE_FIXED_IT;

  /** The stored and configured word: "standard", "we_fixed_it". */
  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The treatment a stored word names; null for null. */
  public static Treatment of(String stored) {
    return stored == null ? null : valueOf(stored.toUpperCase(Locale.ROOT));
  }
}
