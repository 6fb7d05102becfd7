package org.winbackhub.store;

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
}
