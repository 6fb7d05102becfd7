package org.winbackhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A database error that carries a row's values (unique key, failing row, value too long, a batch
 * with its parameters) reaches the log with the values masked: not in the message, not in the
 * chained cause, not anywhere in the printed trace.
 */
class StoreErrorsIT {
  static final String EMAIL = "lucia.garcia@example.org";
  static final String PHONE = "+34612345789";
  static final String NAME = "Lucía García Ñandú";

  @Test
  void h2_errors_name_the_constraint_and_column_but_no_value() {
    try (HikariDataSource ds = TestStores.h2()) {
      assertNoValues(ds, "PERSON_EMAIL_UK");
    }
  }

  @Test
  void postgres_errors_name_the_constraint_and_column_but_no_value() throws Exception {
    try (HikariDataSource ds = TestStores.postgres("surface_store_errors")) {
      assertNoValues(ds, "person_email_uk");
    }
  }

  private void assertNoValues(HikariDataSource ds, String constraint) {
    Database db = new Database(ds);
    db.inTransaction(
        "create",
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE person (id INT PRIMARY KEY, email VARCHAR(320), phone VARCHAR(20),"
                    + " name VARCHAR(10), born DATE NOT NULL, CONSTRAINT person_email_uk UNIQUE"
                    + " (email))");
            s.execute(
                "INSERT INTO person VALUES (1, '"
                    + EMAIL
                    + "', '"
                    + PHONE
                    + "', 'x', DATE '1990-01-01')");
          }
          return null;
        });
    String duplicate =
        trace(
            db,
            "add a person",
            "INSERT INTO person VALUES (2, ?, ?, 'y', DATE '1990-01-01')",
            EMAIL,
            PHONE);
    assertThat(duplicate)
        .contains("add a person failed")
        .containsIgnoringCase(constraint)
        .contains("l***@example.org");
    String tooLong =
        trace(
            db,
            "rename a person",
            "INSERT INTO person VALUES (3, 'a@b.org', ?, ?, DATE '1990-01-01')",
            PHONE,
            NAME);
    assertThat(tooLong).containsIgnoringCase("name").containsIgnoringCase("varying");
    String failingRow =
        trace(
            db,
            "add a person",
            "INSERT INTO person VALUES (4, ?, ?, 'z', NULL)",
            "ana.lopez@example.org",
            PHONE);
    assertThat(failingRow).containsIgnoringCase("born");
    String batch = batchTrace(db);
    assertThat(batch).contains("add people failed").containsIgnoringCase(constraint);
    for (String trace : new String[] {duplicate, tooLong, failingRow, batch}) {
      assertThat(trace)
          .doesNotContain(EMAIL, "ana.lopez", PHONE, "612345789", "Lucía", "García", "Ñandú");
    }
  }

  private static String trace(Database db, String what, String sql, String... values) {
    StoreException e =
        catchThrowableOfType(
            StoreException.class,
            () ->
                db.inTransaction(
                    what,
                    c -> {
                      try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (int i = 0; i < values.length; i++) {
                          ps.setString(i + 1, values[i]);
                        }
                        return ps.executeUpdate();
                      }
                    }));
    assertThat(e).as(sql).isNotNull();
    return printed(e);
  }

  private static String batchTrace(Database db) {
    StoreException e =
        catchThrowableOfType(
            StoreException.class,
            () ->
                db.inTransaction(
                    "add people",
                    c -> {
                      try (PreparedStatement ps =
                          c.prepareStatement(
                              "INSERT INTO person VALUES (?, ?, ?, 'w', DATE '1990-01-01')")) {
                        for (int id = 5; id <= 6; id++) {
                          ps.setInt(1, id);
                          ps.setString(2, EMAIL);
                          ps.setString(3, PHONE);
                          ps.addBatch();
                        }
                        return ps.executeBatch();
                      }
                    }));
    assertThat(e).isNotNull();
    return printed(e);
  }

  private static String printed(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        sql.getNextException().printStackTrace(new PrintWriter(out));
      }
    }
    return out.toString();
  }
}
