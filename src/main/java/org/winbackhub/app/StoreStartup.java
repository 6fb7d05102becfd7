package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.store.Database;
import org.winbackhub.store.Migrations;

/**
 * A store that is down when the hub starts. A one-shot command fails at once with one line. The
 * service starts without its routes, so /observe/health is served and says the store is DOWN, and
 * asks again with growing pauses (1 s, 2 s, 4 s ... at most 30 s); when the store answers, the
 * schema is migrated and the routes start. If it never answers within hub.store.startup-timeout,
 * the start fails with one line naming the store. The service's {@code ready} runs once the store
 * is migrated.
 */
final class StoreStartup implements StartupListener {
  private static final Logger LOG = LoggerFactory.getLogger(StoreStartup.class);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  /** The store did not answer in time; said in one line, without a stack trace. */
  static final class StoreUnavailable extends IllegalStateException {
    StoreUnavailable(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  private static final long PROBE_MILLIS = 2000;

  private final Database db;
  private final HikariDataSource pool;
  private final boolean migrate;
  private final String where;
  private final Duration timeout;
  private final Runnable ready;
  // starting the routes calls the start-up listeners again
  private final AtomicBoolean waited = new AtomicBoolean();

  /** {@code where}: the store's URL without credentials, for the messages. */
  StoreStartup(
      Database db,
      HikariDataSource pool,
      boolean migrate,
      String where,
      Duration timeout,
      Runnable ready) {
    this.db = db;
    this.ready = ready;
    this.pool = pool;
    this.migrate = migrate;
    this.where = where;
    this.timeout = timeout;
  }

  /**
   * Migrates now when the store answers. Otherwise a one-shot command (routes not started
   * automatically) fails here, and the service waits: its routes start once the store is ready.
   */
  void prepare(CamelContext context) {
    if (!migrate) {
      return; // validate: no connection at all
    }
    if (answers()) {
      Migrations.migrate(db.dataSource());
      if (context.isAutoStartup()) {
        ready.run();
      }
      return;
    }
    if (!context.isAutoStartup()) {
      throw new StoreUnavailable(
          "the store at " + where + " does not answer (hub.store.url): is the database running?");
    }
    LOG.warn("the store at {} does not answer; the routes wait for it (up to {})", where, timeout);
    context.setAutoStartup(false);
    try {
      context.addStartupListener(this);
    } catch (Exception e) {
      throw new IllegalStateException("cannot wait for the store", e);
    }
  }

  /** Runs once the management server listens, so health is served (DOWN) while this waits. */
  @Override
  public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
    if (!waited.compareAndSet(false, true)) {
      return;
    }
    Instant deadline = Instant.now().plus(timeout);
    Duration pause = Duration.ofSeconds(1);
    for (int attempt = 1; ; attempt++) {
      if (!sleepUntil(
          context,
          Instant.now().plus(pause).isAfter(deadline) ? deadline : Instant.now().plus(pause))) {
        return; // stopping
      }
      if (answers()) {
        Migrations.migrate(db.dataSource());
        ready.run();
        LOG.info("the store at {} answers (attempt {}): starting the routes", where, attempt);
        context.getRouteController().startAllRoutes();
        return;
      }
      if (!Instant.now().isBefore(deadline)) {
        throw new StoreUnavailable(
            "the store at "
                + where
                + " did not answer within "
                + timeout
                + " (hub.store.url, hub.store.startup-timeout): is the database running?");
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
      LOG.warn(
          "the store at {} does not answer (attempt {}); asking again in {} s",
          where,
          attempt,
          pause.toSeconds());
    }
  }

  /** Asks the store for a connection, waiting 2 s at most (the pool's usual wait is longer). */
  private boolean answers() {
    long usual = pool.getConnectionTimeout();
    pool.setConnectionTimeout(PROBE_MILLIS);
    try {
      return db.isReachable(2);
    } finally {
      pool.setConnectionTimeout(usual);
    }
  }

  /** Sleeps until {@code until}; false when the hub is stopping meanwhile. */
  private static boolean sleepUntil(CamelContext context, Instant until) {
    while (Instant.now().isBefore(until)) {
      if (context.isStopping() || context.isStopped()) {
        return false;
      }
      try {
        Thread.sleep(Math.min(200, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The store's JDBC URL without user information or parameters that may carry credentials. */
  static String where(String url) {
    String u = url.replaceAll("//[^/@]*@", "//");
    int params = u.indexOf('?');
    u = params < 0 ? u : u.substring(0, params);
    int semicolon = u.indexOf(';');
    return semicolon < 0 ? u : u.substring(0, semicolon);
  }
}
