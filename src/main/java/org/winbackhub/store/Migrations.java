package org.winbackhub.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the store's schema up to date with the Flyway migrations in db/migration. */
public final class Migrations {
  private Migrations() {}

  /** Applies pending migrations and returns how many ran. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
