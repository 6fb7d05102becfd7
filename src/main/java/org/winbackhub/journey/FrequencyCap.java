package org.winbackhub.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * At most {@code max} marketing messages to one contact in any span of {@code per}, across every
 * journey and channel. A message that would break it is not dropped: it waits until the cap allows
 * it. {@code max} 0 switches the cap off.
 */
public record FrequencyCap(int max, Duration per) {
  public static final FrequencyCap OFF = new FrequencyCap(0, Duration.ZERO);

  public FrequencyCap {
    if (max < 0 || (max > 0 && (per == null || per.isNegative() || per.isZero()))) {
      throw new IllegalArgumentException(
          "frequency cap: expected at least 0 messages per a span above zero, got "
              + max
              + " per "
              + per);
    }
  }

  public boolean isOff() {
    return max == 0;
  }

  /**
   * The earliest instant at or after {@code desired} at which one more message keeps every span of
   * {@code per} at {@code max} messages or fewer, given the instants of the contact's other
   * messages (sent, or planned for later).
   */
  public Instant earliest(Instant desired, List<Instant> others) {
    if (isOff() || others.size() < max) {
      return desired;
    }
    TreeSet<Instant> candidates = new TreeSet<>();
    candidates.add(desired);
    for (Instant o : others) {
      Instant free = o.plus(per);
      if (free.isAfter(desired)) {
        candidates.add(free);
      }
    }
    List<Instant> sorted = new ArrayList<>(others);
    sorted.sort(null);
    for (Instant t : candidates) {
      if (fits(t, sorted)) {
        return t;
      }
    }
    throw new IllegalStateException("unreachable: the last message plus the span always fits");
  }

  /** True when no {@code max + 1} messages, {@code t} among them, fall within one span. */
  private boolean fits(Instant t, List<Instant> sorted) {
    List<Instant> all = new ArrayList<>(sorted.size() + 1);
    int at = 0;
    while (at < sorted.size() && !sorted.get(at).isAfter(t)) {
      at++;
    }
    all.addAll(sorted.subList(0, at));
    all.add(t);
    all.addAll(sorted.subList(at, sorted.size()));
    for (int first = Math.max(0, at - max); first <= at; first++) {
      int last = first + max;
      if (last < all.size() && Duration.between(all.get(first), all.get(last)).compareTo(per) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    if (isOff()) {
      return "off";
    }
    long days = per.toDays();
    String span = per.equals(java.time.Duration.ofDays(days)) ? days + " days" : per.toString();
    return max + (max == 1 ? " message" : " messages") + " per " + span;
  }
}
