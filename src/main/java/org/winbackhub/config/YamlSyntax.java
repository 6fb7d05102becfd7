package org.winbackhub.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML parser's complaint (SnakeYAML's, through Jackson or Camel's YAML DSL) as one line: the
 * line the person editing the file has to change, and why in words. The parser marks where it gave
 * up, which for an indentation mistake is often the line after the one that is wrong.
 */
public final class YamlSyntax {
  private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");
  private static final Pattern KEY = Pattern.compile("^[\"']?[\\w.$\\[\\]-]+[\"']?\\s*:(\\s|$)");
  private static final Pattern PARSER_MARK =
      Pattern.compile("(?m)^ in .*, line \\d+, column \\d+:$");

  /** Where the mistake is (1-based line, 0 when unknown) and what it is. */
  public record Mistake(int line, String reason) {}

  private YamlSyntax() {}

  /** True when {@code message} is a YAML parser's (it marks a line and a column). */
  public static boolean isParserMessage(String message) {
    return message != null && PARSER_MARK.matcher(message).find();
  }

  /**
   * A parser's complaint anywhere in {@code e}'s causes, thrown as the line to change and why (the
   * parser marks where it gave up, often the line after the mistake).
   */
  public static void rethrow(Path file, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (isParserMessage(t.getMessage())) {
        List<String> lines;
        try {
          lines = Files.readAllLines(file);
        } catch (IOException unreadable) {
          lines = List.of();
        }
        Mistake m = locate(t.getMessage(), lines);
        throw new ConfigException(file.toString(), m.line(), m.reason());
      }
    }
  }

  /** The mistake a parser's {@code message} describes, located in {@code lines} of the file. */
  public static Mistake locate(String message, List<String> lines) {
    List<String> texts = new ArrayList<>();
    List<Integer> marks = new ArrayList<>();
    for (String l : message.split("\n")) {
      Matcher m = MARK.matcher(l);
      if (l.startsWith(" in ") && m.find()) {
        marks.add(Integer.parseInt(m.group(1)));
      } else if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
        texts.add(l.trim());
      }
    }
    if (marks.isEmpty()) {
      return new Mistake(0, "not valid YAML: " + (texts.isEmpty() ? message : texts.get(0)));
    }
    String problem = texts.isEmpty() ? "" : texts.get(texts.size() - 1);
    int at = marks.get(marks.size() - 1);
    if (problem.startsWith("could not find expected ':'")) {
      int key = marks.get(0);
      return new Mistake(
          key,
          "not valid YAML: '"
              + content(lines, key)
              + "' is neither a key (no ':' after it) nor indented as part of the value above it");
    }
    if (problem.startsWith("found character '\\t'") || problem.contains("'\\t'")) {
      return new Mistake(at, "not valid YAML: a tab; YAML indents with spaces only");
    }
    if (problem.startsWith("mapping values are not allowed here")) {
      return deeperThanAValue(lines, at);
    }
    if (problem.startsWith("expected <block end>")) {
      int above = previousKey(lines, at);
      // deeper than a key that has a value: as "mapping values are not allowed here"
      return above > 0 && column(lines, at) > column(lines, above)
          ? deeperThanAValue(lines, at)
          : new Mistake(at, "not valid YAML: " + outOfLine(lines, at));
    }
    return new Mistake(at, "not valid YAML: " + problem);
  }

  /**
   * "mapping values are not allowed here" on line {@code n}: a key stands deeper than the line
   * above it, whose key already has a value. Either line {@code n} is indented too far, or the line
   * above was left too shallow (it broke a block whose lines, before and after it, stand at {@code
   * n}'s column, or it should have been the first line under a key that opens a block).
   */
  private static Mistake deeperThanAValue(List<String> lines, int n) {
    int above = previousKey(lines, n);
    if (above <= 0) {
      return new Mistake(n, "not valid YAML: '" + key(lines, n) + "' is indented too far");
    }
    int before = previous(lines, above);
    boolean aboveTooShallow =
        before > 0
            && isKey(lines, before)
            && column(lines, above) < column(lines, n)
            && (column(lines, before) == column(lines, n)
                || (opensBlock(lines, before) && column(lines, before) == column(lines, above)));
    if (aboveTooShallow) {
      return new Mistake(
          above,
          "not valid YAML: '"
              + key(lines, above)
              + "' starts at column "
              + column(lines, above)
              + ", the lines of its block at column "
              + column(lines, n)
              + ": indent it like them");
    }
    return new Mistake(
        n,
        "not valid YAML: '"
            + key(lines, n)
            + "' starts at column "
            + column(lines, n)
            + ", deeper than '"
            + key(lines, above)
            + "' above it (column "
            + column(lines, above)
            + "), which has a value already: indent it like that line");
  }

  /**
   * Line {@code n} starts in a column where no block above it has its keys: between the block just
   * above (deeper) and the one that holds it (shallower).
   */
  private static String outOfLine(List<String> lines, int n) {
    int col = column(lines, n);
    int deeper = 0;
    int shallower = 0;
    for (int i = previous(lines, n); i > 0; i = previous(lines, i)) {
      if (!isKey(lines, i)) {
        continue; // a line of a multi-line value
      }
      if (column(lines, i) > col && deeper == 0) {
        deeper = i;
      } else if (column(lines, i) < col) {
        shallower = i;
        break;
      }
    }
    StringBuilder around = new StringBuilder();
    for (int i : new int[] {shallower, deeper}) {
      if (i > 0) {
        around.append(around.length() > 0 ? ", " : "");
        around.append("'").append(key(lines, i)).append("' at column ").append(column(lines, i));
      }
    }
    return "'"
        + key(lines, n)
        + "' starts at column "
        + col
        + (around.length() > 0 ? ", in line with no key above it (" + around + ")" : "")
        + ": the keys of one block start in the same column";
  }

  /** The nearest line before {@code n} with content (not blank, not a comment); 0 when none. */
  private static int previous(List<String> lines, int n) {
    for (int i = n - 1; i >= 1; i--) {
      String t = i <= lines.size() ? lines.get(i - 1).trim() : "";
      if (!t.isEmpty() && !t.startsWith("#")) {
        return i;
      }
    }
    return 0;
  }

  /** The nearest line before {@code n} that holds a key; 0 when none. */
  private static int previousKey(List<String> lines, int n) {
    int i = previous(lines, n);
    while (i > 0 && !isKey(lines, i)) {
      i = previous(lines, i);
    }
    return i;
  }

  /** The 1-based column where line {@code n}'s key starts (after any "- " list markers). */
  private static int column(List<String> lines, int n) {
    String l = n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    int i = 0;
    while (i < l.length() && (l.charAt(i) == ' ' || (l.charAt(i) == '-' && next(l, i) == ' '))) {
      i++;
    }
    return i + 1;
  }

  private static char next(String l, int i) {
    return i + 1 < l.length() ? l.charAt(i + 1) : ' ';
  }

  /** The key of line {@code n} with its colon ("dataSource:"), or its text when it has none. */
  private static String key(List<String> lines, int n) {
    String c = content(lines, n);
    int colon = c.indexOf(':');
    return colon > 0 ? c.substring(0, colon + 1) : c;
  }

  private static String content(List<String> lines, int n) {
    String l = n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    return l.substring(Math.min(l.length(), column(lines, n) - 1)).trim();
  }

  /** A line that holds a key ("name:" or "- name:"), not a line of a multi-line value. */
  private static boolean isKey(List<String> lines, int n) {
    return KEY.matcher(content(lines, n)).find();
  }

  /** A key with nothing after its colon: a block follows. */
  private static boolean opensBlock(List<String> lines, int n) {
    String c = content(lines, n).replaceAll("\\s+#.*$", "");
    return c.endsWith(":");
  }
}
