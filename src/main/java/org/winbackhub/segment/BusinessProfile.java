package org.winbackhub.segment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.model.TimeSpan;

/** Presets from the business cycle (DOMAIN.md): what counts, and when silence means gone. */
public enum BusinessProfile {
  /** Retail default: under 3 months fine, 3 to 12 months lapsed, over a year dormant. */
  @JsonProperty("retail")
  RETAIL(List.of(Activity.PURCHASE, Activity.VISIT, Activity.CLICK), "P2M", "P3M", "P12M"),
  /** A pizzeria expects a visit once or twice a month: 6 months silent is lost. */
  @JsonProperty("restaurant")
  RESTAURANT(List.of(Activity.PURCHASE, Activity.VISIT, Activity.CLICK), "P2M", "P6M", "P12M"),
  /** A florist sees customers on Valentine's and Mother's Day: a year. */
  @JsonProperty("florist")
  FLORIST(List.of(Activity.PURCHASE, Activity.VISIT, Activity.CLICK), "P10M", "P13M", "P24M"),
  /** A card issuer calls a card lapsed after 6 months without a transaction. */
  @JsonProperty("card_issuer")
  CARD_ISSUER(List.of(Activity.PURCHASE), "P3M", "P6M", "P12M"),
  /**
   * A car dealer: a customer on a 2-year lease is not lapsed after one (set tiers to the lease).
   */
  @JsonProperty("car_dealer")
  CAR_DEALER(
      List.of(Activity.PURCHASE, Activity.VISIT, Activity.CRM_ACTIVITY), "P24M", "P30M", "P48M");

  final List<Activity> activity;
  final Map<Tier, TimeSpan> tiers;

  BusinessProfile(List<Activity> activity, String atRisk, String lapsed, String dormant) {
    this.activity = activity;
    Map<Tier, TimeSpan> t = new EnumMap<>(Tier.class);
    t.put(Tier.AT_RISK, TimeSpan.parse(atRisk));
    t.put(Tier.LAPSED, TimeSpan.parse(lapsed));
    t.put(Tier.DORMANT, TimeSpan.parse(dormant));
    this.tiers = t;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The profile of a name written in policies.yaml; null for null (then retail). */
  static BusinessProfile of(String name) {
    if (name == null) {
      return null;
    }
    for (BusinessProfile p : values()) {
      if (p.code().equals(name)) {
        return p;
      }
    }
    List<String> known = new ArrayList<>();
    for (BusinessProfile p : values()) {
      known.add(p.code());
    }
    throw new ConfigValueException("unknown profile '" + name + "'; expected one of " + known);
  }
}
