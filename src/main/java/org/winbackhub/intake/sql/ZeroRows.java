package org.winbackhub.intake.sql;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A source query rewritten to return no rows: run against the source, it checks the query and tells
 * its columns without reading any data. {@code LIMIT 0} where the database has it (appended, or
 * around the query as a subquery when it limits itself already); elsewhere the query as a subquery
 * with a condition that is never true.
 */
public final class ZeroRows {
  private static final Pattern LIMITED =
      Pattern.compile(
          "(?is)\\b(limit\\s+\\S+(\\s+offset\\s+\\S+)?|offset\\s+\\S+(\\s+rows?)?(\\s+fetch\\s+.*)?"
              + "|fetch\\s+(first|next)\\s+.*)$");
  private static final Pattern ORDER_BY_AT_END = Pattern.compile("(?is)\\border\\s+by\\s+[^()]*$");
  private static final String[] WITH_LIMIT = {
    "postgres", "mysql", "mariadb", "h2", "sqlite", "hsql"
  };

  private ZeroRows() {}

  /**
   * {@code query} returning no rows, for the database {@code product} (as its JDBC driver names it:
   * DatabaseMetaData.getDatabaseProductName()).
   */
  public static String of(String query, String product) {
    String q = query.strip().replaceAll(";\\s*$", "").strip();
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    for (String dialect : WITH_LIMIT) {
      if (p.contains(dialect)) {
        return LIMITED.matcher(q).find()
            ? "SELECT * FROM (" + q + ") zero_rows LIMIT 0"
            : q + "\nLIMIT 0";
      }
    }
    // SQL Server, Oracle, DB2...: no LIMIT, and not every one takes ORDER BY in a subquery (no
    // rows need no order)
    return "SELECT * FROM ("
        + ORDER_BY_AT_END.matcher(q).replaceFirst("")
        + ") zero_rows WHERE 1 = 0";
  }
}
