package org.winbackhub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where a route writes a parameter, and the known name closest to a typo. */
final class Names {
  private Names() {}

  /**
   * The first line at or after {@code from} where {@code param} is given {@code value}, or {@code
   * from}.
   */
  static int line(Path file, int from, String param, String value) {
    int found = find(file, from, param, value);
    return found > 0 ? found : from;
  }

  /** The first line at or after {@code from} where {@code param} is given {@code value}, or 0. */
  static int find(Path file, int from, String param, String value) {
    Pattern p =
        Pattern.compile(
            "\\b" + Pattern.quote(param) + "\\s*[:=]\\s*[\"']?(#bean:|#)?" + Pattern.quote(value));
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = Math.max(0, from - 1); i < lines.size(); i++) {
        if (p.matcher(lines.get(i)).find()) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      // not found then
    }
    return 0;
  }

  /** "did you mean 'X'? " for the known name nearest to {@code typo}, if it is near; else "". */
  static String closest(String typo, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(typo, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, typo.length() / 4)
        ? "did you mean '" + best + "'? "
        : "";
  }

  /** Levenshtein distance, case-insensitive. */
  static int distance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] prev = new int[y.length() + 1];
    int[] cur = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length()];
  }
}
