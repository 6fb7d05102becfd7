package org.winbackhub.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.winbackhub.journey.FrequencyCap;
import org.winbackhub.journey.Journey;
import org.winbackhub.journey.JourneyPlanner;
import org.winbackhub.journey.JourneyRules;
import org.winbackhub.journey.SendWindow;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.OutboxRepository;

/** The journeys in config/journeys and the planner that enrolls contacts and writes the outbox. */
public final class JourneyBeans implements CamelConfiguration {

  @BindToRegistry("journeyPlanner")
  public JourneyPlanner planner(
      Settings s,
      Database db,
      EnrollmentRepository enrollments,
      OutboxRepository outbox,
      Clock clock) {
    List<Journey> journeys = loadJourneys(s.path("hub.config-dir").resolve("journeys"));
    return new JourneyPlanner(
        db,
        enrollments,
        outbox,
        journeys,
        ZoneId.of(s.get("hub.time-zone")),
        frequencyCap(s),
        windowPresets(s),
        clock);
  }

  /**
   * The send-window presets' hours: as shipped ({@code sms} 08:00-21:00, {@code daytime}
   * 09:00-20:00), or as {@code hub.send-window.NAME} sets them (hours such as 08:00-20:00, or
   * {@code any}), checked at the start.
   */
  static Map<String, String> windowPresets(Settings s) {
    Map<String, String> presets = new LinkedHashMap<>(SendWindow.PRESETS);
    for (String name : SendWindow.PRESETS.keySet()) {
      String key = "hub.send-window." + name;
      String v = s.optional(key, "").trim();
      if (!v.isEmpty()) {
        try {
          SendWindow.parse(v, Map.of());
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("property " + key + ": " + e.getMessage(), e);
        }
        presets.put(name, v);
      }
    }
    return presets;
  }

  /**
   * At most hub.frequency-cap.messages marketing messages per contact in any hub.frequency-cap.per
   * (0 messages: no cap).
   */
  static FrequencyCap frequencyCap(Settings s) {
    int max = s.integer("hub.frequency-cap.messages", 2, 0);
    return max == 0
        ? FrequencyCap.OFF
        : new FrequencyCap(max, s.duration("hub.frequency-cap.per", "P7D"));
  }

  /**
   * Every journey in {@code dir}, each checked, and checked against each other (ids, nurture
   * journeys): the first mistake stops the start with its file and line.
   */
  static List<Journey> loadJourneys(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      Map<Path, Journey> journeys = new LinkedHashMap<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        journeys.put(f, Journey.load(f));
      }
      List<JourneyRules.Mistake> mistakes = JourneyRules.across(journeys);
      if (!mistakes.isEmpty()) {
        throw mistakes.get(0).asException();
      }
      return List.copyOf(journeys.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list journeys in " + dir, e);
    }
  }
}
