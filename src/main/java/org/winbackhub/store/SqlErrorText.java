package org.winbackhub.store;

import java.sql.SQLException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winbackhub.model.Masked;

/**
 * A database error as it may reach a log: PostgreSQL and H2 put the row's values into their
 * messages (a unique key's value, a failing row, a value too long, a batch statement with its
 * parameters); here every such value is masked, the constraint, column and SQL state kept.
 */
final class SqlErrorText {
  // 'text' literals; H2 doubles a quote inside one
  private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
  // PostgreSQL details: Key (email)=(l@example.org), Failing row contains (1, Lucía, ...)
  private static final Pattern TUPLE =
      Pattern.compile(
          "(\\)=\\(|row contains \\()([^\\n"
              + "]*?)(\\)(?: already exists| is not present| conflicts|\\.|$))");
  private static final String H2_STATEMENT = "; SQL statement:";

  private SqlErrorText() {}

  /** The message with the values masked. */
  static String mask(String message) {
    if (message == null || message.isEmpty()) {
      return message;
    }
    // H2 appends the statement as written: its literals are the hub's own SQL, not row values
    int statement = message.indexOf(H2_STATEMENT);
    String values = statement < 0 ? message : message.substring(0, statement);
    String rest = statement < 0 ? "" : message.substring(statement);
    values = replace(QUOTED.matcher(values), m -> "'" + Masked.value(m.group(1)) + "'");
    values = replace(TUPLE.matcher(values), m -> m.group(1) + maskEach(m.group(2)) + m.group(3));
    return Masked.within(values + rest);
  }

  /**
   * A copy of {@code e} that says the same but shows no value: masked message, the same SQL state,
   * error code and stack, and the chained exceptions (a batch's next exceptions) masked alike.
   */
  static SQLException masked(SQLException e) {
    SQLException copy =
        new SQLException(
            e.getClass().getSimpleName() + ": " + mask(e.getMessage()),
            e.getSQLState(),
            e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    SQLException next = e.getNextException();
    if (next != null && next != e) {
      copy.setNextException(masked(next));
    }
    return copy;
  }

  private static String maskEach(String tuple) {
    StringBuilder out = new StringBuilder();
    for (String part : tuple.split(", ", -1)) {
      out.append(out.length() == 0 ? "" : ", ")
          .append(part.equals("null") || part.isEmpty() ? part : Masked.value(part));
    }
    return out.toString();
  }

  private static String replace(Matcher m, Function<Matcher, String> with) {
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
