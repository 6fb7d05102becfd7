package org.winbackhub.intake;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * A batch the store refuses because of one record's data (a value too long for its column, a number
 * out of range) must not stop the file or source it came from. The batch is written again record by
 * record, and each record the store still refuses is kept as a rejection: where it came from, and a
 * reason naming what the store refused, never the value.
 */
public final class StoreRefusals {
  /** SQLSTATE classes and codes that say a value of the statement was wrong, not the store. */
  private static final Set<String> DATA_STATES = Set.of("23502", "23514");

  private static final Pattern H2_COLUMN =
      Pattern.compile("for column \"?([A-Za-z_][A-Za-z0-9_.]*)");

  /** Writes a part of the batch in a transaction; {@code last} marks the write that ends it. */
  @FunctionalInterface
  public interface Writer {
    ContactIntake.Result write(
        List<SourceRecord> records, List<Rejection> rejections, boolean last);
  }

  private StoreRefusals() {}

  /**
   * Writes {@code records} and {@code rejections} with one {@code last} write. If the store refuses
   * it for a record's data, writes each record alone, tells {@code refused} of each one refused
   * again (its origin, at the same index as the record, with the store's reason), and ends with a
   * {@code last} write of the rejections and the refused records.
   */
  public static ContactIntake.Result write(
      List<SourceRecord> records,
      List<Rejection> origins,
      List<Rejection> rejections,
      Consumer<Rejection> refused,
      Writer writer) {
    try {
      return writer.write(records, rejections, true);
    } catch (RuntimeException e) {
      if (reason(e) == null) {
        throw e;
      }
    }
    ContactIntake.Result sum = ContactIntake.Result.NONE;
    List<Rejection> all = new ArrayList<>(rejections);
    for (int i = 0; i < records.size(); i++) {
      try {
        sum = sum.plus(writer.write(List.of(records.get(i)), List.of(), false));
      } catch (RuntimeException e) {
        String reason = reason(e);
        if (reason == null) {
          throw e;
        }
        Rejection r = withReason(origins.get(i), reason);
        all.add(r);
        refused.accept(r);
      }
    }
    return sum.plus(writer.write(List.of(), all, true));
  }

  /**
   * The origin of a record (where it came from, no reason yet) with the reason it was not taken.
   */
  public static Rejection withReason(Rejection origin, String reason) {
    return new Rejection(
        origin.source(),
        origin.location(),
        origin.lineNo(),
        origin.recordKey(),
        reason,
        origin.raw());
  }

  /**
   * What the store refused, in words and without the value ("store: a value is too long for column
   * first_name"), when {@code e} was caused by a record's data; null otherwise (the store is down,
   * a bug: those are not the record's fault).
   */
  public static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (SQLException s = t instanceof SQLException q ? q : null;
          s != null;
          s = s.getNextException()) {
        String state = s.getSQLState();
        if (state != null && (state.startsWith("22") || DATA_STATES.contains(state))) {
          return "store: " + meaning(state) + column(s.getMessage());
        }
      }
    }
    return null;
  }

  private static String meaning(String state) {
    return switch (state) {
      case "22001" -> "a value is too long";
      case "22003" -> "a number is out of range";
      case "22007", "22008" -> "a date or time is out of range";
      case "23502" -> "a required value is missing";
      case "23514" -> "a value breaks a rule";
      default -> "a value is not accepted (SQLSTATE " + state + ")";
    };
  }

  /** " for column X" when the store names it (H2 does, before the value); never the value. */
  private static String column(String message) {
    Matcher m = message == null ? null : H2_COLUMN.matcher(message);
    return m != null && m.find() ? " for column " + m.group(1).toLowerCase(Locale.ROOT) : "";
  }
}
