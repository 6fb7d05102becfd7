package org.winbackhub.app;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.winbackhub.store.Database;

/** The store answers: DOWN in /observe/health when no connection can be had. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
  private final Database db;

  public DatabaseHealthCheck(Database db) {
    super("hub", "store");
    this.db = db;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    if (db.isReachable(2)) {
      builder.up();
    } else {
      builder.detail("reason", "no connection to the store within 2 s").down();
    }
  }

  @Override
  public boolean isLiveness() {
    return false;
  }
}
