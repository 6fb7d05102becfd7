package org.winbackhub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import org.winbackhub.config.ConfigException;

/**
 * The mistakes validate found, each in one file at one line, named relative to the hub's folder.
 */
final class Problems {

  /** One mistake in one file: FILE:LINE: what is wrong and how to fix it. */
  record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
  }

  /** A check that may throw a {@link ConfigException} (file and line) or anything else. */
  interface Check {
    void run() throws Exception;
  }

  private final Path home;
  private final List<Problem> list = new ArrayList<>();

  Problems(Path home) {
    this.home = home;
  }

  Path home() {
    return home;
  }

  void add(Path file, int line, String message) {
    add(rel(file), line, message);
  }

  void add(String file, int line, String message) {
    list.add(new Problem(file, line, message));
  }

  int count() {
    return list.size();
  }

  /** Each problem once, by file and line. */
  List<Problem> sorted() {
    List<Problem> distinct = new ArrayList<>(new LinkedHashSet<>(list));
    distinct.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
    return distinct;
  }

  /**
   * Runs {@code check}; a failure becomes a problem (a ConfigException's own file and line,
   * anything else in config/application.properties). True when it passed.
   */
  boolean check(Check check) {
    try {
      check.run();
      return true;
    } catch (ConfigException e) {
      add(
          Path.of(e.file()),
          e.line(),
          e.getMessage().substring(e.getMessage().indexOf(": ", e.file().length()) + 2));
    } catch (Exception e) {
      add(home.resolve("config/application.properties"), 0, firstLine(rootMessage(e)));
    }
    return false;
  }

  /** {@code p} relative to the hub's folder when inside it. */
  String rel(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(home) ? home.relativize(abs).toString() : abs.toString();
  }

  /** The innermost cause's message (or the outer one when it names the file). */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return e.getMessage() != null && e.getMessage().contains(" in file:") ? e.getMessage() : m;
  }

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** The regular files under {@code dir} whose names end with {@code suffix}, sorted. */
  static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(f -> f.toString().endsWith(suffix) && Files.isRegularFile(f))
          .sorted()
          .toList();
    }
  }
}
