package org.winbackhub.journey;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.winbackhub.config.ConfigException;
import org.winbackhub.config.YamlFiles;

/**
 * What a journey's keys cannot say each on its own: a condition naming a step that is not earlier,
 * steps timed from entry out of order; and across journeys: two files with one id, a nurture
 * journey that does not exist, a journey without an audience that no journey leads to. Each mistake
 * carries the key it is about, so validate can name its line.
 */
public final class JourneyRules {
  private JourneyRules() {}

  /** A mistake at a key of a journey file ({@code /steps/2/if/not_clicked}). */
  public record Mistake(Path file, String pointer, String message) {
    /** As a ConfigException with the file and the key's line. */
    public ConfigException asException() {
      Map<String, Integer> lines = YamlFiles.keyLines(file);
      Integer line = lines.get(pointer);
      if (line == null && pointer.contains("/")) {
        line = lines.get(pointer.substring(0, pointer.lastIndexOf('/')));
      }
      return new ConfigException(file.toString(), line == null ? 0 : line, message);
    }
  }

  /** Throws the first mistake inside {@code journey} (read from {@code file}). */
  static void check(Path file, Journey journey) {
    List<Mistake> found = within(file, journey);
    if (!found.isEmpty()) {
      throw found.get(0).asException();
    }
  }

  /** The mistakes inside one journey. */
  public static List<Mistake> within(Path file, Journey journey) {
    List<Mistake> found = new ArrayList<>();
    List<Journey.Step> steps = journey.steps();
    Instant entry = Instant.EPOCH;
    Instant lastFromEntry = null;
    for (int i = 0; i < steps.size(); i++) {
      Journey.Step step = steps.get(i);
      Set<String> earlier =
          steps.subList(0, i).stream().map(Journey.Step::id).collect(Collectors.toSet());
      if (step.when() != null) {
        for (StepCondition.Part part : step.when().parts()) {
          for (String named : part.steps()) {
            if (!earlier.contains(named)) {
              found.add(
                  new Mistake(
                      file,
                      "/steps/" + i + "/if/" + part.response().key(),
                      "steps["
                          + step.id()
                          + "].if."
                          + part.response().key()
                          + ": '"
                          + named
                          + "' "
                          + (steps.stream().anyMatch(s -> s.id().equals(named))
                              ? "is not an earlier step; a condition looks back only"
                              : "is no step of this journey")
                          + " (earlier steps: "
                          + (earlier.isEmpty() ? "none" : String.join(", ", ordered(steps, i)))
                          + ")"));
            }
          }
        }
      }
      if (step.afterEntry() != null) {
        Instant at = step.afterEntry().after(entry, ZoneOffset.UTC);
        if (lastFromEntry != null && at.isBefore(lastFromEntry)) {
          found.add(
              new Mistake(
                  file,
                  "/steps/" + i + "/after_entry",
                  "steps["
                      + step.id()
                      + "].after_entry: "
                      + step.afterEntry()
                      + " comes before an earlier step's after_entry; steps go in order"));
        }
        lastFromEntry = at;
      }
    }
    return found;
  }

  private static List<String> ordered(List<Journey.Step> steps, int before) {
    return steps.subList(0, before).stream().map(Journey.Step::id).toList();
  }

  /** The mistakes between journeys: shared ids, unknown nurture journeys, unreachable journeys. */
  public static List<Mistake> across(Map<Path, Journey> journeys) {
    List<Mistake> found = new ArrayList<>();
    Map<String, Path> byId = new HashMap<>();
    for (var e : journeys.entrySet()) {
      Path first = byId.putIfAbsent(e.getValue().id(), e.getKey());
      if (first != null) {
        found.add(
            new Mistake(
                e.getKey(),
                "/id",
                "id: '" + e.getValue().id() + "' is already the id of " + first.getFileName()));
      }
    }
    Set<String> nurtured =
        journeys.values().stream()
            .map(j -> j.exit().nurture())
            .filter(n -> n != null)
            .collect(Collectors.toSet());
    for (var e : journeys.entrySet()) {
      Journey j = e.getValue();
      String nurture = j.exit().nurture();
      if (nurture != null && nurture.equals(j.id())) {
        found.add(
            new Mistake(
                e.getKey(), "/exit/nurture", "exit.nurture: a journey cannot nurture into itself"));
      } else if (nurture != null && !byId.containsKey(nurture)) {
        found.add(
            new Mistake(
                e.getKey(),
                "/exit/nurture",
                "exit.nurture: no journey has the id '"
                    + nurture
                    + "' (journeys: "
                    + byId.keySet().stream().sorted().collect(Collectors.joining(", "))
                    + ")"));
      }
      if (j.audience() == null && !nurtured.contains(j.id())) {
        found.add(
            new Mistake(
                e.getKey(),
                "/id",
                "audience: missing, and no journey names '"
                    + j.id()
                    + "' as its exit.nurture, so no one ever enters it; add an audience such as"
                    + " {lifecycle: [LAPSED], consent: email}"));
      }
    }
    return found;
  }
}
