package org.winbackhub.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.winbackhub.journey.Journey;
import org.winbackhub.journey.JourneyPlanner;
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
        db, enrollments, outbox, journeys, ZoneId.of(s.get("hub.time-zone")), clock);
  }

  static List<Journey> loadJourneys(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Journey> journeys =
          files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Journey::load).toList();
      long distinct = journeys.stream().map(Journey::id).distinct().count();
      if (distinct != journeys.size()) {
        throw new IllegalArgumentException("two journeys in " + dir + " share an id");
      }
      return journeys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list journeys in " + dir, e);
    }
  }
}
