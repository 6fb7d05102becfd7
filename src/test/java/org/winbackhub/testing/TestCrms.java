package org.winbackhub.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.winbackhub.store.TestStores;

/** The CRMs the SQL source tests read: real MariaDB and PostgreSQL databases, made afresh. */
public final class TestCrms {
  private TestCrms() {}

  /**
   * A fresh MariaDB database {@code name} on the local server, filled by a script of
   * src/test/resources.
   */
  public static void mariaDb(String name, String resource) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    }
    script("jdbc:mariadb://127.0.0.1:3306/" + name, "root", resource);
  }

  /**
   * A fresh PostgreSQL schema {@code schema} with a {@code customers} table of {@code count} people
   * (cliente1@example.com ..., changed from three days ago a minute apart), then {@code more}
   * statements.
   */
  public static void postgresCustomers(String schema, int count, String... more) throws Exception {
    try (Connection c =
            DriverManager.getConnection(TestStores.freshSchema(schema), TestStores.PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE customers (id INT PRIMARY KEY, email TEXT, name TEXT, updated_at"
              + " TIMESTAMPTZ NOT NULL)");
      s.execute(
          "INSERT INTO customers SELECT i, 'cliente' || i || '@example.com', 'Cliente ' || i, now()"
              + " - interval '3 days' + i * interval '1 minute' FROM generate_series(1, "
              + count
              + ") i");
      for (String sql : more) {
        s.execute(sql);
      }
    }
  }

  /**
   * Runs a script of src/test/resources, statement by statement (each ends with ; at a line end).
   */
  public static void script(String url, String user, String resource) throws Exception {
    String sql = Files.readString(Path.of("src/test/resources", resource));
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      for (String statement : sql.split(";\\s*\\n")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
    }
  }

  /** Runs one statement in the CRM at {@code url}. */
  public static void execute(String url, String user, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
