package org.winbackhub.intake;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winbackhub.config.ConfigValueException;

/**
 * What a mapping's SQL must say, checked when the mapping is read: every query reads incrementally
 * (it filters on {@code :watermark} and orders by its change marker), and a query with a delete
 * marker returns the deleted rows too. A mistake is refused with its key and the reason.
 */
final class MappingQueries {
  private MappingQueries() {}

  /** A column (or other value) the mapping must name: neither missing nor blank. */
  static void require(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigValueException(key + ": missing");
    }
  }

  /**
   * A query reads incrementally: it filters on {@code :watermark} and orders by its change marker,
   * so the watermark only moves past rows already taken in.
   */
  static void checkIncremental(String key, String query) {
    if (query == null || !query.contains(":watermark")) {
      throw new ConfigValueException(
          key + ".query: must filter on :watermark, e.g. WHERE updated_at >= :watermark");
    }
    if (!query.toLowerCase(Locale.ROOT).matches("(?s).*\\border\\s+by\\b.*")) {
      throw new ConfigValueException(
          key
              + ".query: must ORDER BY its change marker, so the watermark only moves past rows"
              + " already taken in");
    }
  }

  /**
   * A query with a delete marker must not filter the deleted rows out (nor keep only them): a
   * condition on the marker column in its WHERE clause is refused with the reason.
   */
  static void checkDeleted(String key, String query, SourceMapping.Deleted deleted) {
    if (deleted == null || query == null) {
      return;
    }
    String lower = query.toLowerCase(Locale.ROOT);
    int where = -1;
    for (Matcher w = Pattern.compile("\\bwhere\\b").matcher(lower); w.find(); ) {
      where = w.start();
    }
    if (where < 0) {
      return;
    }
    int order = lower.indexOf("order by", where);
    String conditions = lower.substring(where + 5, order < 0 ? lower.length() : order);
    String col =
        "(?:^|[^\\w.])(?:\\w+\\.)?" + Pattern.quote(deleted.column().toLowerCase(Locale.ROOT));
    Matcher m =
        Pattern.compile(
                "(?s)(?:"
                    + col
                    + "\\s*(?:is\\s+(?:not\\s+)?null|=|<>|!=)|\\bnot\\s*"
                    + col
                    + "\\b)")
            .matcher(conditions);
    if (m.find()) {
      throw new ConfigValueException(
          key
              + ".query: filters on its delete marker '"
              + deleted.column()
              + "' ("
              + m.group().trim()
              + " ...); with deleted: the query must return deleted rows too, so the hub can"
              + " apply them (filter on :watermark only)");
    }
  }
}
