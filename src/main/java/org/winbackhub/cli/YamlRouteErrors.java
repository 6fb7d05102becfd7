package org.winbackhub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.winbackhub.config.YamlSyntax;

/**
 * A route or Kamelet file Camel's YAML DSL could not read, as FILE:LINE: REASON: a syntax mistake
 * on the line to change (the parser often marks the line after it), an unknown step or field on its
 * own line.
 */
final class YamlRouteErrors {
  private static final Pattern MARK = Pattern.compile(" in file:(.+?), line (\\d+), column \\d+:");
  private static final Pattern UNSUPPORTED = Pattern.compile("^Unsupported field: (\\S+)");

  private YamlRouteErrors() {}

  /**
   * Loads a route or Kamelet file into {@code camel}; when Camel cannot, records FILE:LINE: reason
   * in {@code problems} and returns false.
   */
  static boolean load(CamelContext camel, Path file, Problems problems) {
    try {
      PluginHelper.getRoutesLoader(camel)
          .loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
      return true;
    } catch (Exception e) {
      Optional<Problems.Problem> yaml = of(e);
      problems.add(
          file,
          yaml.map(Problems.Problem::line).orElse(0),
          yaml.map(Problems.Problem::message).orElse(Problems.firstLine(Problems.rootMessage(e))));
      return false;
    }
  }

  /** The file, line and reason of the first YAML mistake among {@code e}'s causes, if any. */
  static Optional<Problems.Problem> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      Matcher mark = message == null ? null : MARK.matcher(message);
      if (mark == null || !mark.find()) {
        continue;
      }
      String file = mark.group(1);
      List<String> lines = lines(Path.of(file));
      if (t.getClass().getName().startsWith("org.snakeyaml.")) {
        YamlSyntax.Mistake m = YamlSyntax.locate(message, lines);
        return Optional.of(new Problems.Problem(file, m.line(), m.reason()));
      }
      // Camel's own: the node it marks is the field's value, often on the line after the field
      String reason = Problems.firstLine(message);
      int line = Integer.parseInt(mark.group(2));
      Matcher field = UNSUPPORTED.matcher(reason);
      if (field.find()) {
        line = keyLine(lines, field.group(1), line);
        reason += " (misspelt, or indented under the wrong key)";
      }
      return Optional.of(new Problems.Problem(file, line, reason));
    }
    return Optional.empty();
  }

  /** The nearest line at or above {@code from} where {@code key} stands as a key. */
  private static int keyLine(List<String> lines, String key, int from) {
    Pattern p = Pattern.compile("^\\s*(- )?" + Pattern.quote(key) + "\\s*:");
    for (int i = Math.min(from, lines.size()); i >= 1 && i > from - 5; i--) {
      if (p.matcher(lines.get(i - 1)).find()) {
        return i;
      }
    }
    return from;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
