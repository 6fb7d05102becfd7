package org.winbackhub.intake.loyalty;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A delimited text file read record by record in bounded memory, each record with the line it
 * starts on. Values may be quoted as in RFC 4180 (a quoted value holds delimiters, doubled quotes
 * and line breaks); values are trimmed; blank lines are skipped; lines end in LF, CRLF or CR.
 *
 * <p>A record that cannot be read is told as broken with its reason, and reading goes on, so one
 * bad line never costs the others: a line longer than {@link Limits#maxLineLength} is skipped
 * without being held in memory; a quote not closed within {@link Limits#maxRecordLines} lines (or
 * before the end), text after a closing quote, or a quoted line break after which the record does
 * not come out at the expected number of columns costs only the line the record starts on, and
 * reading resumes at the line after it.
 */
public final class CsvRecords {

  /** How long a line may be, and over how many lines one quoted record may run. */
  public record Limits(int maxLineLength, int maxRecordLines) {
    public static final Limits DEFAULT = new Limits(10_000, 10);

    public Limits {
      if (maxLineLength < 1 || maxRecordLines < 1) {
        throw new IllegalArgumentException("line length and record lines must be at least 1");
      }
    }
  }

  /**
   * One record: the line it starts on, its values, and the reason it cannot be taken (null when it
   * can). A record with the wrong number of columns keeps its values; one that cannot be split into
   * values has none. {@code raw} is its text as read (a too-long line: its first part).
   */
  public record Record(long line, List<String> values, String problem, String raw) {
    public boolean broken() {
      return problem != null;
    }
  }

  private record Physical(long number, String text, boolean tooLong) {}

  private final Reader in;
  private final char delimiter;
  private final List<String> columns;
  private final Limits limits;
  private final char[] buffer = new char[8192];
  private final Deque<Physical> pushedBack = new ArrayDeque<>();
  private int pos;
  private int len;
  private long lineNo;

  /** {@code columns}: the names of the expected columns, in order (used for counts and reasons). */
  public CsvRecords(Reader in, char delimiter, List<String> columns, Limits limits) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("a delimiter cannot be a quote or a line break");
    }
    this.in = in;
    this.delimiter = delimiter;
    this.columns = List.copyOf(columns);
    this.limits = limits;
  }

  /** The next record, or null at the end of the input. */
  public Record next() throws IOException {
    Physical first;
    do {
      first = physical();
      if (first == null) {
        return null;
      }
    } while (!first.tooLong() && first.text().isBlank());
    if (first.tooLong()) {
      return new Record(
          first.number(),
          null,
          "row: line longer than " + limits.maxLineLength() + " characters; not read",
          first.text());
    }
    return read(first);
  }

  private Record read(Physical first) throws IOException {
    List<Physical> taken = new ArrayList<>(List.of(first));
    List<String> values = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    String text = first.text();
    int spanColumn = 0; // the first column whose quoted value ran on to another line
    int i = 0;
    while (true) {
      while (i < text.length() && blank(text.charAt(i))) {
        i++;
      }
      if (i < text.length() && text.charAt(i) == '"') {
        int column = values.size() + 1;
        value.setLength(0);
        i++;
        while (true) {
          if (i >= text.length()) {
            // the line ends inside the quotes: the value goes on on the next line, within bounds
            Physical more = taken.size() < limits.maxRecordLines() ? physical() : null;
            if (more == null || more.tooLong()) {
              String where =
                  more != null
                      ? "before an over-long line"
                      : taken.size() >= limits.maxRecordLines()
                          ? "within " + limits.maxRecordLines() + " lines"
                          : "before the end of the file";
              if (more != null) {
                pushedBack.addFirst(more);
              }
              return broken(
                  taken, "row: the quote opened in " + column(column) + " is not closed " + where);
            }
            taken.add(more);
            spanColumn = spanColumn == 0 ? column : spanColumn;
            value.append('\n');
            text = more.text();
            i = 0;
            continue;
          }
          char ch = text.charAt(i++);
          if (ch != '"') {
            value.append(ch);
          } else if (i < text.length() && text.charAt(i) == '"') {
            value.append('"');
            i++;
          } else {
            break;
          }
        }
        while (i < text.length() && blank(text.charAt(i))) {
          i++;
        }
        if (i < text.length() && text.charAt(i) != delimiter) {
          return broken(
              taken,
              taken.size() == 1
                  ? "row: text after the closing quote of " + column(column)
                  : "row: the quote opened in "
                      + column(spanColumn)
                      + " is not closed on its line (the quote on line "
                      + taken.get(taken.size() - 1).number()
                      + " that would close it is followed by text)");
        }
        values.add(value.toString().trim());
      } else {
        int end = text.indexOf(delimiter, i);
        end = end < 0 ? text.length() : end;
        values.add(text.substring(i, end).trim());
        i = end;
      }
      if (i >= text.length()) {
        break;
      }
      i++; // the delimiter; a delimiter at the end of the line leaves an empty last value
    }
    String raw = taken.stream().map(Physical::text).collect(Collectors.joining("\n"));
    if (values.size() != columns.size()) {
      String counted = "row: expected " + columns.size() + " columns, found " + values.size();
      if (taken.size() > 1) {
        // most likely a quote left open that the next lines happened to close: only this line is
        // lost
        return broken(
            taken,
            counted
                + " (a quote in "
                + column(spanColumn)
                + " runs on to line "
                + taken.get(taken.size() - 1).number()
                + ")");
      }
      return new Record(first.number(), List.copyOf(values), counted, raw);
    }
    return new Record(first.number(), List.copyOf(values), null, raw);
  }

  /** The first line is rejected; the lines read after it are read again as records of their own. */
  private Record broken(List<Physical> taken, String reason) {
    for (int k = taken.size() - 1; k >= 1; k--) {
      pushedBack.addFirst(taken.get(k));
    }
    Physical first = taken.get(0);
    return new Record(first.number(), null, reason, first.text());
  }

  private String column(int n) {
    return "column " + n + (n >= 1 && n <= columns.size() ? " (" + columns.get(n - 1) + ")" : "");
  }

  private boolean blank(char ch) {
    return (ch == ' ' || ch == '\t') && ch != delimiter;
  }

  /** The next physical line; of a too-long one only the first maxLineLength characters are kept. */
  private Physical physical() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pollFirst();
    }
    StringBuilder line = new StringBuilder();
    boolean any = false;
    boolean tooLong = false;
    while (pos < len || fill()) {
      any = true;
      int start = pos;
      while (pos < len && buffer[pos] != '\n' && buffer[pos] != '\r') {
        pos++;
      }
      int room = limits.maxLineLength() - line.length();
      int count = pos - start;
      line.append(buffer, start, Math.min(room, count));
      tooLong |= count > room;
      if (pos < len) {
        char end = buffer[pos++];
        if (end == '\r' && (pos < len || fill()) && buffer[pos] == '\n') {
          pos++;
        }
        break;
      }
    }
    return any ? new Physical(++lineNo, line.toString(), tooLong) : null;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    pos = 0;
    len = Math.max(n, 0);
    return n > 0;
  }
}
