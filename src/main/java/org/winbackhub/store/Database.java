package org.winbackhub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/** The store's connection source and transaction boundary. */
public final class Database {

  /** Work done on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private volatile Boolean postgres;

  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw StoreException.of(what, e);
    }
  }

  /** True on PostgreSQL, false on the embedded H2 store. */
  public boolean isPostgres() {
    if (postgres == null) {
      inTransaction("detect database", this::isPostgres);
    }
    return postgres;
  }

  /** The same, asked on a connection the caller holds: never waits for another from the pool. */
  public boolean isPostgres(Connection c) throws SQLException {
    if (postgres == null) {
      postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    }
    return postgres;
  }

  /**
   * Why a commit on this store may be lost after it returned, or empty when it cannot be (short of
   * a lost disk): a PostgreSQL session with synchronous_commit off, an H2 file store with a write
   * delay. The send ledger relies on every commit being durable.
   */
  public Optional<String> delayedCommits() {
    return inTransaction(
        "check commit durability",
        c -> {
          if (isPostgres(c)) {
            String mode = single(c, "SHOW synchronous_commit");
            return mode.equalsIgnoreCase("off")
                ? Optional.of(
                    "PostgreSQL runs with synchronous_commit = off: a crash of the database server"
                        + " loses the last commits, sends recorded among them, and a message may go"
                        + " twice; set synchronous_commit = on (the default) for the hub's database"
                        + " or role")
                : Optional.empty();
          }
          if (!StoreUrl.isEmbeddedH2File(c.getMetaData().getURL())) {
            return Optional.empty();
          }
          String delay =
              single(
                  c,
                  "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME ="
                      + " 'WRITE_DELAY'");
          return delay.equals("0")
              ? Optional.empty()
              : Optional.of(
                  "the H2 store writes commits "
                      + delay
                      + " ms late (WRITE_DELAY): a killed hub loses"
                      + " the last commits, sends recorded among them, and a message may go twice");
        });
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  /** Answers whether the store takes a connection within {@code seconds}. */
  public boolean isReachable(int seconds) {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(seconds);
    } catch (SQLException e) {
      return false;
    }
  }

  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    throw new IllegalStateException("not a timestamp: " + value.getClass());
  }
}
