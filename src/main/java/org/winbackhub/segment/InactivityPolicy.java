package org.winbackhub.segment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.config.YamlFiles;
import org.winbackhub.model.TimeSpan;

/**
 * What "inactive" means for this business, as written in {@code config/policies.yaml}: a business
 * profile (a preset of which activities count and the tier thresholds), and what overrides it; each
 * customer's own purchase rhythm; the purchase model's P(alive); what makes a customer worth
 * winning back; how long a complaint calls for the we-fixed-it treatment; and when an unresponsive
 * address is let go (sunset).
 */
public record InactivityPolicy(
    BusinessProfile profile,
    List<Activity> activity,
    Map<Tier, TimeSpan> tiers,
    @JsonProperty("new_within") TimeSpan newWithin,
    Rhythm rhythm,
    Model model,
    Value value,
    Behaviour behaviour,
    Complaints complaints,
    Sunset sunset,
    String zone) {

  /**
   * Each customer's own rhythm: with at least {@code minPurchases} purchase days, a customer is at
   * risk when the gap since the last purchase exceeds {@code atRisk} times their usual interval
   * between purchases, and lapsed beyond {@code lapsed} times (the profile's tiers otherwise).
   * {@code enabled: false} switches the rule off: the tiers decide for everyone.
   */
  public record Rhythm(
      Boolean enabled,
      @JsonProperty("min_purchases") Integer minPurchases,
      @JsonProperty("at_risk") Double atRisk,
      Double lapsed) {
    public Rhythm {
      enabled = enabled == null || enabled;
      minPurchases = minPurchases == null ? 4 : minPurchases;
      atRisk = atRisk == null ? 2.0 : atRisk;
      lapsed = lapsed == null ? 4.0 : lapsed;
      if (minPurchases < 3) {
        throw new ConfigValueException(
            "rhythm.min_purchases: at least 3 purchases are needed to know a rhythm, got "
                + minPurchases);
      }
      if (atRisk <= 1 || lapsed <= atRisk) {
        throw new ConfigValueException(
            "rhythm: need 1 < at_risk < lapsed (multiples of the usual interval), got at_risk "
                + atRisk
                + ", lapsed "
                + lapsed);
      }
    }
  }

  /**
   * The purchase model (BG/NBD, Gamma-Gamma) fitted on the stored purchases when at least {@code
   * minBuyers} contacts bought; an active customer whose P(alive) falls below {@code atRiskBelow}
   * is at risk; expected purchases and value are counted over {@code horizon}. {@code enabled:
   * false} switches the model off: no fit, no P(alive) rule, and the value score without expected
   * value.
   */
  public record Model(
      Boolean enabled,
      @JsonProperty("min_buyers") Integer minBuyers,
      @JsonProperty("at_risk_below") Double atRiskBelow,
      TimeSpan horizon) {
    public Model {
      enabled = enabled == null || enabled;
      minBuyers = minBuyers == null ? 100 : minBuyers;
      atRiskBelow = atRiskBelow == null ? 0.3 : atRiskBelow;
      horizon = horizon == null ? TimeSpan.parse("P1Y") : horizon;
      if (atRiskBelow <= 0 || atRiskBelow >= 1) {
        throw new ConfigValueException(
            "model.at_risk_below: a probability between 0 and 1, got " + atRiskBelow);
      }
      if (minBuyers < 10) {
        throw new ConfigValueException("model.min_buyers: at least 10, got " + minBuyers);
      }
    }
  }

  /**
   * Worth winning back: a score of 0 to 100 from how a contact's spend, expected value, tenure and
   * number of purchase days compare with these levels, each of which earns full marks.
   */
  public record Value(
      BigDecimal spend,
      @JsonProperty("expected_value") BigDecimal expectedValue,
      TimeSpan tenure,
      Integer purchases) {
    public Value {
      spend = spend == null ? new BigDecimal("500") : spend;
      expectedValue = expectedValue == null ? new BigDecimal("200") : expectedValue;
      tenure = tenure == null ? TimeSpan.parse("P2Y") : tenure;
      purchases = purchases == null ? 10 : purchases;
      if (spend.signum() <= 0 || expectedValue.signum() <= 0 || purchases <= 0) {
        throw new ConfigValueException(
            "value: spend, expected_value and purchases must be positive");
      }
    }
  }

  /** Why they buy: discount-driven when at least this share of their purchases used a discount. */
  public record Behaviour(@JsonProperty("discount_share") Double discountShare) {
    public Behaviour {
      discountShare = discountShare == null ? 0.5 : discountShare;
      if (discountShare <= 0 || discountShare > 1) {
        throw new ConfigValueException(
            "behaviour.discount_share: a share between 0 and 1, got " + discountShare);
      }
    }
  }

  /**
   * Who left after a complaint: a contact with a complaint on record within {@code lookback} gets
   * the we-fixed-it treatment (a journey that acknowledges it) instead of the standard one.
   */
  public record Complaints(TimeSpan lookback) {
    public Complaints {
      lookback = lookback == null ? TimeSpan.parse("P2Y") : lookback;
    }
  }

  /**
   * Email sunset (deliverability, kept apart from purchase inactivity): no click or human open for
   * {@code noEngagementFor} after at least {@code afterMessages} messages.
   */
  public record Sunset(
      @JsonProperty("after_messages") Integer afterMessages,
      @JsonProperty("no_engagement_for") TimeSpan noEngagementFor) {
    public Sunset {
      afterMessages = afterMessages == null ? 5 : afterMessages;
      noEngagementFor = noEngagementFor == null ? TimeSpan.parse("P6M") : noEngagementFor;
      if (afterMessages < 1) {
        throw new ConfigValueException("sunset.after_messages: at least 1, got " + afterMessages);
      }
    }
  }

  public InactivityPolicy {
    profile = profile == null ? BusinessProfile.RETAIL : profile;
    activity = activity == null || activity.isEmpty() ? profile.activity : List.copyOf(activity);
    if (!activity.contains(Activity.PURCHASE)) {
      throw new ConfigValueException(
          "activity: must include purchase (a purchase always counts as activity), got "
              + activity);
    }
    Map<Tier, TimeSpan> merged = new EnumMap<>(Tier.class);
    if (tiers == null || tiers.isEmpty()) {
      merged.putAll(profile.tiers);
    } else {
      merged.putAll(tiers); // written tiers replace the preset's, so a business can drop at_risk
    }
    tiers = merged;
    newWithin = newWithin == null ? TimeSpan.parse("P30D") : newWithin;
    rhythm = rhythm == null ? new Rhythm(null, null, null, null) : rhythm;
    model = model == null ? new Model(null, null, null, null) : model;
    value = value == null ? new Value(null, null, null, null) : value;
    behaviour = behaviour == null ? new Behaviour(null) : behaviour;
    complaints = complaints == null ? new Complaints(null) : complaints;
    sunset = sunset == null ? new Sunset(null, null) : sunset;
    zone = zone == null ? "UTC" : zone;
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ConfigValueException(
          "zone: '" + zone + "' is not a time zone such as Europe/Madrid");
    }
    if (!tiers.containsKey(Tier.LAPSED) || !tiers.containsKey(Tier.DORMANT)) {
      throw new ConfigValueException(
          "tiers: lapsed and dormant are required (at_risk is optional)");
    }
    Instant probe = Instant.parse("2026-01-01T00:00:00Z");
    TimeSpan previous = null;
    Tier previousTier = null;
    for (Map.Entry<Tier, TimeSpan> e : tiers.entrySet()) {
      if (previous != null && !e.getValue().longerThan(previous, probe, ZoneId.of(zone))) {
        throw new ConfigValueException(
            "tiers: "
                + e.getKey().name().toLowerCase(Locale.ROOT)
                + " ("
                + e.getValue()
                + ") must be longer than "
                + previousTier.name().toLowerCase(Locale.ROOT)
                + " ("
                + previous
                + ")");
      }
      previous = e.getValue();
      previousTier = e.getKey();
    }
  }

  /**
   * A policy from a profile name (null for retail), activities and tiers, everything else by
   * default.
   */
  public InactivityPolicy(
      String profile, List<Activity> activity, Map<Tier, TimeSpan> tiers, String zone) {
    this(
        BusinessProfile.of(profile),
        activity,
        tiers,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        zone);
  }

  /** Reads and checks {@code policies.yaml}; mistakes name the file, line and key. */
  public static InactivityPolicy load(Path file) {
    return YamlFiles.read(file, InactivityPolicy.class);
  }

  public ZoneId zoneId() {
    return ZoneId.of(zone);
  }

  /** The stored event type codes that count as activity. */
  public List<String> activityEventCodes() {
    List<String> codes = new ArrayList<>();
    for (Activity a : activity) {
      a.events().forEach(e -> codes.add(e.code()));
    }
    return codes;
  }

  /** "purchase, visit or click". */
  public String activityWords() {
    List<String> words = activity.stream().map(Activity::word).toList();
    return words.size() == 1
        ? words.get(0)
        : String.join(", ", words.subList(0, words.size() - 1))
            + " or "
            + words.get(words.size() - 1);
  }

  /** The tiers in order, for reports. */
  public Map<String, String> tierTexts() {
    Map<String, String> out = new LinkedHashMap<>();
    tiers.forEach((t, s) -> out.put(t.name().toLowerCase(Locale.ROOT), s.toString()));
    return out;
  }
}
