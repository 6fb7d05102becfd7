package org.winbackhub.offer;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.winbackhub.config.ConfigException;

/**
 * Reads the codes of a file pool: UTF-8 text, one code a line, or a CSV with a header naming the
 * code's {@code column}. Blank lines and lines starting with {@code #} are skipped. A line whose
 * code is not one (3 to 64 characters of letters, digits and {@code - _ . / + = # $ % & * @}) or
 * repeats an earlier line's is rejected with its line number; the others are read. A file that
 * cannot be read at all, or has no such column, is a {@link ConfigException}.
 */
public final class CouponFile {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_./+=#$%&*@-]{3,64}");

  /** A code and the line it is on. */
  public record Code(int line, String code) {}

  /** A line that holds no code that can be taken, and why. */
  public record Bad(int line, String reason) {}

  /** What the file gave: its codes in file order, and the lines refused. */
  public record Read(List<Code> codes, List<Bad> rejected) {}

  private CouponFile() {}

  /** The codes as shops compare them: upper-cased. */
  public static String key(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }

  public static Read read(Path file, String column) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file.toString(), 0, "not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(
          file.toString(), 0, "cannot be read: " + e.getClass().getSimpleName());
    }
    List<Code> codes = new ArrayList<>();
    List<Bad> rejected = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    int at = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (column != null && at < 0) {
        at = header(file, i + 1, line, column);
        continue;
      }
      String code = line;
      if (column != null) {
        List<String> fields = fields(line);
        if (fields.size() <= at) {
          rejected.add(new Bad(i + 1, "no column '" + column + "' on this line"));
          continue;
        }
        code = fields.get(at);
      }
      if (!CODE.matcher(code).matches()) {
        rejected.add(
            new Bad(
                i + 1,
                "not a coupon code: 3 to 64 letters, digits or - _ . / + = # $ % & * @, without"
                    + " spaces"));
        continue;
      }
      Integer first = seen.putIfAbsent(key(code), i + 1);
      if (first != null) {
        rejected.add(new Bad(i + 1, "the same code as line " + first));
        continue;
      }
      codes.add(new Code(i + 1, code));
    }
    if (column != null && at < 0) {
      throw new ConfigException(
          file.toString(), 0, "no header line naming column '" + column + "'");
    }
    return new Read(codes, rejected);
  }

  private static int header(Path file, int lineNo, String line, String column) {
    List<String> names = fields(line);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    throw new ConfigException(
        file.toString(), lineNo, "the header has no column '" + column + "'; it has " + names);
  }

  /** A CSV line's fields: comma-separated, each stripped of blanks and of enclosing quotes. */
  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    for (String f : line.split(",", -1)) {
      String v = f.strip();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1).replace("\"\"", "\"").strip();
      }
      out.add(v);
    }
    return out;
  }
}
