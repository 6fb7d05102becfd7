package org.winbackhub.intake;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a mapped source's rows come from: a JDBC database, Salesforce, ... Each query of the
 * mapping is read from a watermark on; rows are column label (lower case) to value.
 */
public interface RowSource {
  /**
   * Hands every row of {@code query} changed since {@code from} to {@code rows}, in the caller's
   * thread.
   */
  void read(String query, Watermark from, Rows rows);

  /**
   * The same for a query that names a delete marker: a source whose plain reads hide deleted
   * records (Salesforce's query, where only queryAll shows them) reads them too. A database returns
   * what the query selects, so by default this is {@link #read}.
   */
  default void readWithDeleted(String query, Watermark from, Rows rows) {
    read(query, from, rows);
  }

  /**
   * Takes the rows; told how many to expect when the source says so on the way (a page's total).
   */
  interface Rows extends Consumer<Map<String, Object>> {
    default void expect(long total) {}
  }

  /**
   * Whether rows come in the order of their change marker, so the watermark may move with each
   * committed batch. An unordered read (a bulk export) moves it once, when the read is complete.
   */
  default boolean ordered(Watermark from) {
    return true;
  }

  /** How many rows the read will hand over, or -1 when the source cannot tell cheaply. */
  default long count(String query, Watermark from) {
    return -1;
  }
}
