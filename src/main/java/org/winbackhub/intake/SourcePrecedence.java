package org.winbackhub.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.config.YamlFiles;

/**
 * Which source wins a conflicting value, per field, as written in {@code config/identity.yaml}:
 *
 * <pre>
 * precedence:
 *   email: [crm, shop]         # the CRM's email replaces the shop's, the shop's the loyalty's
 *   first_name: [crm]
 * </pre>
 *
 * A source earlier in a field's list replaces a value that came from a source later in it or not in
 * it at all. Otherwise a known value stays and only blanks are filled.
 */
public record SourcePrecedence(Map<String, List<String>> precedence) {
  static final Set<String> FIELDS = Set.of("email", "phone", "first_name", "last_name");
  public static final SourcePrecedence NONE = new SourcePrecedence(Map.of());

  public SourcePrecedence {
    precedence = precedence == null ? Map.of() : Map.copyOf(precedence);
    for (String field : precedence.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new ConfigValueException(
            "precedence: unknown field '" + field + "'; expected " + new TreeSet<>(FIELDS));
      }
    }
  }

  /**
   * True when a value from {@code incoming} replaces one from {@code current} for {@code field}.
   */
  boolean replaces(String field, String incoming, String current) {
    List<String> order = precedence.get(field);
    if (order == null || incoming == null || incoming.equals(current)) {
      return false;
    }
    int in = order.indexOf(incoming);
    int cur = current == null ? -1 : order.indexOf(current);
    return in >= 0 && (cur < 0 || in < cur);
  }

  /** Reads {@code config/identity.yaml}; no file means no precedence. */
  public static SourcePrecedence load(Path file) {
    return Files.isRegularFile(file) ? YamlFiles.read(file, SourcePrecedence.class) : NONE;
  }
}
