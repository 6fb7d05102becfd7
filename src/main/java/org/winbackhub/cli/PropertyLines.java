package org.winbackhub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a property is written: the file and line of its last definition among the hub's properties
 * files (the profile's file wins over application.properties, as when the hub reads them).
 */
final class PropertyLines {

  /** A property's place: its file and line (0 when it is not written in any file). */
  record Place(Path file, int line) {}

  private final List<Path> files = new ArrayList<>();

  /** The properties files of the hub in {@code home}, with the profile's file if there is one. */
  PropertyLines(Path home, String profile) {
    files.add(home.resolve("config/application.properties"));
    if (profile != null && !profile.isBlank()) {
      files.add(home.resolve("config/application-" + profile + ".properties"));
    }
  }

  /** The files, the base one first. */
  List<Path> files() {
    return files;
  }

  /**
   * Where {@code key} (compared without case, as Camel binds bean properties) is defined last, or
   * the base file with line 0.
   */
  Place of(String key) {
    Pattern p =
        Pattern.compile(
            "^\\s*" + Pattern.quote(key.toLowerCase(Locale.ROOT)) + "\\s*(=|:|\\s)",
            Pattern.CASE_INSENSITIVE);
    Place found = new Place(files.get(0), 0);
    for (Path file : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        continue;
      }
      for (int i = 0; i < lines.size(); i++) {
        if (p.matcher(lines.get(i)).find()) {
          found = new Place(file, i + 1);
        }
      }
    }
    return found;
  }

  /** Where a property's value holds {@code text} (a JDBC URL), or the base file with line 0. */
  Place withValue(String text) {
    Place found = new Place(files.get(0), 0);
    for (Path file : files) {
      try {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String l = lines.get(i);
          if (!l.trim().startsWith("#") && l.contains(text)) {
            found = new Place(file, i + 1);
          }
        }
      } catch (IOException e) {
        // not there
      }
    }
    return found;
  }

  /** The place of the first of {@code keys} that is written somewhere, else of the last key. */
  Place ofAny(String... keys) {
    for (String key : keys) {
      Place place = of(key);
      if (place.line() > 0) {
        return place;
      }
    }
    return of(keys[keys.length - 1]);
  }
}
