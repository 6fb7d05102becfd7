package org.winbackhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  /** Answers whether the store takes a connection within {@code seconds}. */
  public boolean isReachable(int seconds) {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(seconds);
    } catch (SQLException e) {
      return false;
    }
  }

  static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.ZonedDateTime z) {
      return z.toInstant();
    }
    throw new IllegalStateException("not a timestamp: " + value.getClass());
  }
}
