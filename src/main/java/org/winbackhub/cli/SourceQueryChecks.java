package org.winbackhub.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.winbackhub.config.YamlFiles;
import org.winbackhub.intake.SourceMapping;
import org.winbackhub.intake.sql.JdbcRowSource;

/**
 * Runs each query of a SQL source's mapping against its database so that it returns no rows, and
 * checks that every column the mapping names is among the columns the query returns.
 */
final class SourceQueryChecks {
  private final Problems problems;

  SourceQueryChecks(Problems problems) {
    this.problems = problems;
  }

  /** Checks the queries of {@code file} on the DataSource {@code name}. */
  void check(Path file, SourceMapping mapping, String name, DataSource ds) {
    Map<String, Integer> lines = YamlFiles.keyLines(file);
    JdbcRowSource source = new JdbcRowSource("validate", ds);
    for (var q : mapping.contactQueries().entrySet()) {
      SourceMapping.ContactQuery c = q.getValue();
      Map<String, String> named = new LinkedHashMap<>();
      keys(named, "key", c.key());
      named.put("changed", c.changed());
      c.fields().forEach((field, column) -> named.put("fields." + field, column));
      c.consent().forEach((field, column) -> named.put("consent." + field, column));
      if (c.deleted() != null) {
        named.put("deleted.column", c.deleted().column());
      }
      check(file, lines, "/" + q.getKey(), q.getKey(), c.query(), named, name, source);
    }
    for (int i = 0; i < mapping.events().size(); i++) {
      SourceMapping.EventQuery e = mapping.events().get(i);
      Map<String, String> named = new LinkedHashMap<>();
      keys(named, "key", e.key());
      named.put("contact", e.contact());
      named.put("at", e.at());
      named.put("amount", e.amount());
      named.put("currency", e.currency());
      named.put("changed", e.changed());
      if (e.deleted() != null) {
        named.put("deleted.column", e.deleted().column());
      }
      String key = "events[" + i + "]";
      check(file, lines, "/events/" + i, key, e.query(), named, name, source);
    }
  }

  private void check(
      Path file,
      Map<String, Integer> lines,
      String pointer,
      String key,
      String query,
      Map<String, String> named,
      String dsName,
      JdbcRowSource source) {
    List<String> columns;
    try {
      columns = source.columns(query);
    } catch (SQLException | RuntimeException e) {
      String why = Problems.firstLine(String.valueOf(e.getMessage()));
      problems.add(
          file,
          line(lines, pointer + "/query", pointer),
          key
              + ".query fails on "
              + dsName
              + ": "
              + why.replaceFirst("^\\(conn=\\d+\\)\\s*", "")
              + " (run with LIMIT 0; fix the query)");
      return;
    }
    for (var n : named.entrySet()) {
      String column = n.getValue();
      if (column != null && !column.isBlank() && !columns.contains(lower(column))) {
        String sub = n.getKey().replaceAll("#\\d+$", "");
        problems.add(
            file,
            line(
                lines,
                pointer + "/" + sub.replace('.', '/'),
                pointer + "/" + sub.replaceAll("\\..*$", ""),
                pointer),
            key
                + "."
                + sub
                + ": the query returns no column '"
                + column.trim()
                + "' (it returns "
                + String.join(", ", columns)
                + ")");
      }
    }
  }

  /** A key of one or several columns ("id" or "person_id, last_activity"). */
  private static void keys(Map<String, String> named, String name, String columns) {
    List<String> parts = new ArrayList<>(List.of(columns.split(",")));
    for (int i = 0; i < parts.size(); i++) {
      named.put(parts.size() == 1 ? name : name + "#" + i, parts.get(i).trim());
    }
  }

  private static String lower(String column) {
    return column.trim().toLowerCase(Locale.ROOT);
  }

  /** The line of the first of {@code pointers} the file has. */
  private static int line(Map<String, Integer> lines, String... pointers) {
    for (String p : pointers) {
      Integer at = lines.get(p);
      if (at != null) {
        return at;
      }
    }
    return 0;
  }
}
