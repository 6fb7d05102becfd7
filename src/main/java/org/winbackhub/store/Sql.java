package org.winbackhub.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;

/** Small helpers for building parameterized statements. */
final class Sql {
  private Sql() {}

  /** "?, ?, ?" for an IN list of {@code n} parameters. */
  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  static String in(Collection<?> values) {
    return "(" + placeholders(values.size()) + ")";
  }

  /** Texts as one array parameter, for {@code = ANY (?)}. */
  static Array texts(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("varchar", values.toArray());
  }
}
