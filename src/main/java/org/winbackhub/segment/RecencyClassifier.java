package org.winbackhub.segment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.store.FactRepository.Band;

/**
 * Puts a contact in a lifecycle tier by how long ago its last counted activity was. The same
 * bands classify one contact here and every contact in one SQL statement in the store.
 */
public final class RecencyClassifier {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
  private final InactivityPolicy policy;

  public RecencyClassifier(InactivityPolicy policy) {
    this.policy = policy;
  }

  /** Bands from the oldest cut-off to the newest, as of {@code now}. */
  public List<Band> bands(Instant now) {
    ZoneId zone = policy.zoneId();
    List<Band> bands = new ArrayList<>();
    for (Map.Entry<InactivityPolicy.Tier, TimeSpan> e : policy.tiers().entrySet()) {
      Instant cutoff = e.getValue().before(now, zone);
      bands.add(
          0,
          new Band(
              e.getKey().lifecycle().name(),
              cutoff,
              "no "
                  + activityWords()
                  + " for over "
                  + words(e.getValue())
                  + " (since before "
                  + DAY.format(cutoff.atZone(zone))
                  + ")"));
    }
    return bands;
  }

  public Band never() {
    return new Band(Lifecycle.NEVER_ENGAGED.name(), null, "never any " + activityWords());
  }

  public Band active(Instant now) {
    TimeSpan first = policy.tiers().values().iterator().next();
    return new Band(
        Lifecycle.ACTIVE.name(), null, activityWords() + " within the last " + words(first));
  }

  /** The lifecycle of one contact whose last counted activity was {@code lastActivity}. */
  public Lifecycle classify(Instant lastActivity, Instant now) {
    if (lastActivity == null) {
      return Lifecycle.NEVER_ENGAGED;
    }
    for (Band band : bands(now)) {
      if (lastActivity.isBefore(band.before())) {
        return Lifecycle.valueOf(band.lifecycle());
      }
    }
    return Lifecycle.ACTIVE;
  }

  private String activityWords() {
    List<String> words = policy.activity().stream().map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).toList();
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  static String words(TimeSpan span) {
    if (span.period() != null) {
      var p = span.period();
      List<String> parts = new ArrayList<>();
      if (p.getYears() > 0) {
        parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
      }
      if (p.getMonths() > 0) {
        parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
      }
      if (p.getDays() > 0) {
        parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
      }
      return parts.isEmpty() ? "0 days" : String.join(" ", parts);
    }
    long hours = span.duration().toHours();
    return hours + (hours == 1 ? " hour" : " hours");
  }
}
