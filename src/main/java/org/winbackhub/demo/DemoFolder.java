package org.winbackhub.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's working folder: wiped at the start (only a folder the demo made, or an empty one), and
 * its files dropped into the inbox whole.
 */
final class DemoFolder {
  private DemoFolder() {}

  @FunctionalInterface
  interface FileWriter<T> {
    T write(Path file) throws IOException;
  }

  /** Writes a file next to the inbox and moves it in whole, as a well-behaved exporter does. */
  static <T> T drop(Path inbox, String name, FileWriter<T> writer) throws IOException {
    Path staging = inbox.getParent().resolve("staging");
    Files.createDirectories(staging);
    Files.createDirectories(inbox);
    Path tmp = staging.resolve(name);
    T result = writer.write(tmp);
    Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    return result;
  }

  /** Empties the demo's own folder; refuses any other non-empty folder. */
  static void wipe(Path dir) throws IOException {
    Path marker = dir.resolve(".winback-demo");
    if (Files.isDirectory(dir) && !Files.exists(marker)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalStateException(
              "demo failed: " + dir + " is not empty and not a demo folder; pick another --dir");
        }
      }
    }
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.createFile(marker);
  }
}
