package org.winbackhub.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Opens a configured DataSource once, as validate --connect does: a HikariCP pool is copied into a
 * one-connection pool of its own (the hub's bean is left unopened), any other DataSource is asked
 * for a connection. A failure is said in words: no driver for the URL (and the URL prefixes whose
 * drivers are here), or why the database refused.
 */
final class DataSourceProbe implements AutoCloseable {
  /** URL prefixes of common databases, offered to the drivers on the classpath. */
  private static final List<String> PREFIXES =
      List.of(
          "jdbc:postgresql:",
          "jdbc:mariadb:",
          "jdbc:mysql:",
          "jdbc:h2:",
          "jdbc:sqlserver:",
          "jdbc:oracle:thin:",
          "jdbc:db2:",
          "jdbc:sqlite:",
          "jdbc:hsqldb:",
          "jdbc:derby:",
          "jdbc:snowflake:",
          "jdbc:redshift:",
          "jdbc:clickhouse:");

  private final DataSource open;
  private final HikariDataSource own;

  private DataSourceProbe(DataSource open, HikariDataSource own) {
    this.open = open;
    this.own = own;
  }

  /** The opened DataSource, or why it cannot be opened (one line, without credentials). */
  static Result open(String name, DataSource ds) {
    HikariDataSource own = null;
    try {
      if (ds instanceof HikariDataSource pool) {
        HikariConfig config = new HikariConfig();
        pool.copyStateTo(config);
        config.setPoolName("validate-" + name);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(Math.min(pool.getConnectionTimeout(), 10_000));
        own = new HikariDataSource(config);
        return new Result(Optional.of(new DataSourceProbe(own, own)), null);
      }
      try (Connection c = ds.getConnection()) {
        return new Result(Optional.of(new DataSourceProbe(ds, null)), null);
      }
    } catch (Exception | LinkageError e) {
      if (own != null) {
        own.close();
      }
      String url = ds instanceof HikariDataSource pool ? pool.getJdbcUrl() : null;
      return new Result(Optional.empty(), why(e, url));
    }
  }

  /** An opened probe, or the reason it could not be opened. */
  record Result(Optional<DataSourceProbe> probe, String failure) {}

  DataSource dataSource() {
    return open;
  }

  @Override
  public void close() {
    if (own != null) {
      own.close();
    }
  }

  private static String why(Throwable e, String url) {
    boolean noDriver = false;
    String reason = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      noDriver |= m.startsWith("Failed to get driver instance") || m.equals("No suitable driver");
      if (t instanceof SQLException) {
        reason = m;
      }
    }
    if (noDriver && url != null) {
      return noDriver(url);
    }
    if (reason == null) {
      reason = Problems.rootMessage(e);
    }
    reason = Problems.firstLine(reason).replaceFirst("^\\(conn=\\d+\\)\\s*", "");
    return "cannot connect to " + (url == null ? "the database" : where(url)) + ": " + reason;
  }

  /** The words for a URL no driver on the classpath takes. */
  static String noDriver(String url) {
    String prefix = url.replaceFirst("^(jdbc:[^:]+:(thin:)?).*$", "$1");
    String hint =
        prefix.equals("jdbc:mysql:")
            ? "write jdbc:mariadb:// (the MariaDB driver here speaks to MySQL too), or put the"
                + " MySQL driver's jar in target/lib/"
            : "put its driver's jar in target/lib/";
    return "no JDBC driver for '"
        + prefix
        + "' on the classpath (drivers here take "
        + String.join(", ", available())
        + "): "
        + hint;
  }

  /** The URL prefixes the drivers on the classpath take. */
  static List<String> available() {
    TreeSet<String> taken = new TreeSet<>();
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      for (String prefix : PREFIXES) {
        try {
          if (d.acceptsURL(prefix + "//localhost/db") || d.acceptsURL(prefix + "mem:db")) {
            taken.add(prefix);
          }
        } catch (SQLException e) {
          // not this driver's
        }
      }
    }
    return List.copyOf(taken);
  }

  /** A JDBC URL without user information or parameters that may carry credentials. */
  static String where(String url) {
    String u = url.replaceAll("//[^/@]*@", "//");
    int cut = u.length();
    for (char c : new char[] {'?', ';'}) {
      int i = u.indexOf(c);
      cut = i >= 0 ? Math.min(cut, i) : cut;
    }
    return u.substring(0, cut);
  }
}
