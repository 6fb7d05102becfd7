package org.winbackhub.segment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.model.EventType;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.TimeSpan;

/**
 * What "inactive" means for this business, as written in {@code config/policies.yaml}: which
 * activities count and after how long without one a contact moves to each lifecycle tier.
 */
public record InactivityPolicy(
    String profile, List<Activity> activity, Map<Tier, TimeSpan> tiers, String zone) {

  /** The activities a business can count. */
  public enum Activity {
    PURCHASE(EventType.PURCHASE),
    VISIT(EventType.VISIT),
    CLICK(EventType.EMAIL_CLICKED, EventType.SMS_CLICKED),
    OPEN(EventType.EMAIL_OPENED);

    private final List<EventType> events;

    Activity(EventType... events) {
      this.events = List.of(events);
    }

    public List<EventType> events() {
      return events;
    }
  }

  /** The inactivity tiers, from the mildest to the deepest. */
  public enum Tier {
    @JsonProperty("at_risk")
    AT_RISK(Lifecycle.AT_RISK),
    @JsonProperty("lapsed")
    LAPSED(Lifecycle.LAPSED),
    @JsonProperty("dormant")
    DORMANT(Lifecycle.DORMANT);

    private final Lifecycle lifecycle;

    Tier(Lifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    public Lifecycle lifecycle() {
      return lifecycle;
    }
  }

  public InactivityPolicy {
    if (profile == null) {
      profile = "retail";
    }
    if (!profile.equals("retail")) {
      throw new ConfigValueException("unknown profile '" + profile + "'; expected: retail");
    }
    if (activity == null || activity.isEmpty()) {
      activity = List.of(Activity.PURCHASE, Activity.VISIT, Activity.CLICK);
    }
    if (tiers == null || tiers.isEmpty()) {
      tiers = Map.of(Tier.LAPSED, TimeSpan.parse("P3M"), Tier.DORMANT, TimeSpan.parse("P12M"));
    }
    tiers = new EnumMap<>(tiers);
    if (zone == null) {
      zone = "UTC";
    }
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ConfigValueException("zone: '" + zone + "' is not a time zone such as Europe/Madrid");
    }
    Instant probe = Instant.parse("2026-01-01T00:00:00Z");
    TimeSpan previous = null;
    Tier previousTier = null;
    for (Map.Entry<Tier, TimeSpan> e : tiers.entrySet()) {
      if (previous != null && !e.getValue().longerThan(previous, probe, ZoneId.of(zone))) {
        throw new ConfigValueException(
            "tiers: "
                + e.getKey().name().toLowerCase(java.util.Locale.ROOT)
                + " ("
                + e.getValue()
                + ") must be longer than "
                + previousTier.name().toLowerCase(java.util.Locale.ROOT)
                + " ("
                + previous
                + ")");
      }
      previous = e.getValue();
      previousTier = e.getKey();
    }
  }

  /** Reads and checks {@code policies.yaml}; mistakes name the file, line and key. */
  public static InactivityPolicy load(java.nio.file.Path file) {
    return org.winbackhub.config.YamlFiles.read(file, InactivityPolicy.class);
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
}
