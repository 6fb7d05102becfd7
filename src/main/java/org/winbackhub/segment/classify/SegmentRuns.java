package org.winbackhub.segment.classify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.winbackhub.store.Database;
import org.winbackhub.store.StoreException;

/**
 * Runs the classification: the facts derived from each contact's activity history, the lifecycle
 * they put it in, and the history of those lifecycles. Everything is set-based (see {@link
 * SegmentRun}): a full run aggregates every contact's events in one INSERT ... SELECT with every
 * rule evaluated in it; an incremental run recomputes the contacts whose events, merges or records
 * changed since the last run, and re-evaluates only the rows whose next cut-off has come (time
 * passing moves contacts across tiers without any new event).
 */
public final class SegmentRuns {

  /**
   * What one run did: contacts recomputed from their events, rows re-evaluated as time passed,
   * contacts that entered a segment (a first classification included), and how long each step took.
   */
  public record RunResult(
      String kind,
      int recomputed,
      int rechecked,
      int changed,
      Duration took,
      Map<String, Duration> phases) {}

  private final Database db;
  private final int workers;

  public SegmentRuns(Database db) {
    this(db, 1);
  }

  /**
   * With {@code workers} connections computing a full run on PostgreSQL at once (about as many as
   * the database has cores to spare); H2 always uses one.
   */
  public SegmentRuns(Database db, int workers) {
    this.db = db;
    this.workers = workers;
  }

  /** Recomputes every live contact's facts and lifecycle. */
  public RunResult full(Rules rules) {
    return full(() -> rules);
  }

  /** The same, with the rules as of the moment the run may start (it waits for a run under way). */
  public RunResult full(Supplier<Rules> rules) {
    return run(rules, null);
  }

  /**
   * Recomputes the facts of contacts that changed since the last run started (less {@code overlap},
   * for transactions that committed late), re-evaluates every contact's rules and writes the ones
   * that moved. Without an earlier run, a full run.
   */
  public RunResult incremental(Rules rules, Duration overlap) {
    return incremental(() -> rules, overlap);
  }

  /** The same, with the rules as of the moment the run may start (it waits for a run under way). */
  public RunResult incremental(Supplier<Rules> rules, Duration overlap) {
    return run(rules, overlap);
  }

  /**
   * One run at a time: the run holds the 'segment' lock row, in a transaction of its own, until it
   * is done (a full run on PostgreSQL spans several transactions and connections); its rules are
   * taken once it holds it, so that runs follow each other in time.
   */
  private RunResult run(Supplier<Rules> ruleSource, Duration overlap) {
    long started = System.nanoTime();
    try (Connection lock = db.dataSource().getConnection()) {
      lock.setAutoCommit(false);
      try {
        boolean postgres = db.isPostgres(lock);
        if (postgres) {
          WorkTables.execute(
              lock,
              "SET LOCAL idle_in_transaction_session_timeout = 0"); // the lock waits while the run
          // works
        }
        try (Statement st = lock.createStatement();
            ResultSet rs =
                st.executeQuery("SELECT name FROM hub_lock WHERE name = 'segment' FOR UPDATE")) {
          if (!rs.next()) {
            throw new StoreException(
                "segment contacts failed: the store has no 'segment' row in hub_lock (migration"
                    + " V6)",
                null);
          }
        }
        Rules rules = ruleSource.get();
        LastRun last = overlap == null ? null : lastRun(lock);
        boolean full = last == null || !last.fingerprint().equals(rules.fingerprint());
        String kind = full ? "full" : "incremental";
        SegmentRun run = new SegmentRun(db, rules, postgres, workers);
        SegmentRun.Finish finish = (c, tally) -> recordRun(c, kind, rules, tally);
        Tally tally =
            full ? run.full(finish) : run.incremental(last.startedAt().minus(overlap), finish);
        return new RunResult(
            kind,
            tally.recomputed(),
            tally.rechecked(),
            tally.entered(),
            Duration.ofNanos(System.nanoTime() - started),
            run.phases());
      } finally {
        try {
          lock.rollback();
          lock.setAutoCommit(true);
        } catch (SQLException e) {
          // the lock's connection broke: closing it lets the lock go; the run's own result stands
        }
      }
    } catch (SQLException e) {
      throw StoreException.of("segment contacts", e);
    }
  }

  private record LastRun(Instant startedAt, String fingerprint) {}

  /**
   * The run that finished last: by id, since a run as of a past day starts "before" the ones it
   * follows.
   */
  private static LastRun lastRun(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT started_at, rules FROM segment_run WHERE finished_at IS NOT NULL ORDER BY"
                    + " id DESC LIMIT 1")) {
      return rs.next() ? new LastRun(Database.instant(rs.getObject(1)), rs.getString(2)) : null;
    }
  }

  /**
   * A finished run, written with its result: a run that failed leaves no row, so the next one
   * starts from the last that finished.
   */
  private static void recordRun(Connection c, String kind, Rules rules, Tally tally)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO segment_run (kind, started_at, finished_at, contacts, changed, rules)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      Instant now = Instant.now();
      ps.setString(1, kind.toUpperCase(Locale.ROOT));
      ps.setObject(2, Database.ts(rules.now()));
      ps.setObject(3, Database.ts(now.isAfter(rules.now()) ? now : rules.now()));
      ps.setInt(4, tally.recomputed() + tally.rechecked());
      ps.setInt(5, tally.entered());
      ps.setString(6, rules.fingerprint());
      ps.executeUpdate();
    }
  }
}
