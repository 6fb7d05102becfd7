package org.winbackhub.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool whose first {@code failures} connections are refused, as a database that is restarting.
 */
public class FlakyDataSource extends HikariDataSource {
  private final AtomicInteger failures = new AtomicInteger();

  public void setFailures(int failures) {
    this.failures.set(failures);
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new SQLTransientConnectionException("connection refused (test)");
    }
    return super.getConnection();
  }
}
