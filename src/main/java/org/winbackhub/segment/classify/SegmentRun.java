package org.winbackhub.segment.classify;

import static org.winbackhub.segment.classify.WorkTables.execute;
import static org.winbackhub.segment.classify.WorkTables.ids;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winbackhub.segment.classify.SegmentSql.IdRange;
import org.winbackhub.segment.classify.SegmentSql.Scope;
import org.winbackhub.store.Counts;
import org.winbackhub.store.Database;

/**
 * One segment run. For each set of contacts it recomputes (an id range, the dirty ones, the ones
 * whose recheck moment has come) it keeps their current stays in segment_prev, replaces their rows
 * in contact_fact with rows computed set-based, and writes the history from the difference.
 *
 * <p>Each contact's current stay in a segment is its contact_fact row (lifecycle, reason, since);
 * segment_membership keeps the stays that ended, one row per change, so a first classification
 * writes no history at all. A lifecycle that did not change keeps its moment of entry.
 *
 * <p>A full run on PostgreSQL works through id ranges on several connections at once, a range per
 * transaction: PostgreSQL runs no INSERT ... SELECT in parallel, and a per-contact count of
 * distinct days keeps it from aggregating in parallel. Every contact's row is whole at any moment,
 * and a run that stops half-way leaves no finished run behind, so the next run is full again. The
 * survivors of merges, whose facts take in the events of the contacts merged into them, are done
 * last, in the transaction that records the run ({@link RangeWorkers} runs the ranges). On H2
 * (small stores) and for incremental runs, everything is one transaction.
 */
final class SegmentRun {
  private final Database db;
  private final Rules rules;
  private final boolean postgres;
  private final RangeWorkers workers;
  private final WorkTables tables;
  private final Map<String, Duration> phases = new LinkedHashMap<>();
  private long mark = System.nanoTime();

  SegmentRun(Database db, Rules rules, boolean postgres, int workers) {
    this.db = db;
    this.rules = rules;
    this.postgres = postgres;
    this.workers = new RangeWorkers(postgres ? Math.max(1, workers) : 1);
    this.tables = new WorkTables(postgres, rules.now());
  }

  /** How long each step took, in order. */
  Map<String, Duration> phases() {
    return phases;
  }

  private synchronized void phase(String name) {
    long now = System.nanoTime();
    phases.merge(name, Duration.ofNanos(now - mark), Duration::plus);
    mark = now;
  }

  /** Records the run, in the transaction that commits its last part. */
  interface Finish {
    void run(Connection c, Tally tally) throws SQLException;
  }

  private interface Step<T> {
    T run(Connection c) throws SQLException;
  }

  /** {@code step} in a transaction of its own, with the session settings the rules need. */
  private <T> T inTransaction(String what, Step<T> step) {
    return db.inTransaction(
        what,
        c -> {
          if (postgres) {
            // the rules make long expressions: compiling them (JIT) costs more than it saves; the
            // per-contact aggregation should not spill to disk; and the run looks up thousands of
            // rows by key, which the default cost of a random read (4, for spinning disks) turns
            // into scans of the whole table
            execute(c, "SET LOCAL jit = off");
            execute(c, "SET LOCAL work_mem = '256MB'");
            execute(c, "SET LOCAL random_page_cost = 1.1");
          }
          return step.run(c);
        });
  }

  /**
   * The index incremental runs find the rows whose time has come by (V4); a full run on several
   * connections drops it and builds it again.
   */
  static final String RECHECK_INDEX = "contact_fact_recheck_ix";

  /** Makes the recheck index again if a full run stopped between dropping and building it. */
  static void ensureIndexes(Connection c) throws SQLException {
    execute(c, "CREATE INDEX IF NOT EXISTS " + RECHECK_INDEX + " ON contact_fact (recheck_at)");
  }

  /** Every live contact from its events. */
  Tally full(Finish finish) {
    if (workers.count() == 1) {
      return inTransaction(
          "segment contacts",
          c -> {
            holdSurvivors(c);
            Tally tally = range(c, null);
            phase("classify");
            return finishFull(c, tally, finish);
          });
    }
    // the recheck index is built once at the end instead of kept up to date row by row, which
    // takes longer than the rows themselves; the next run makes it again should this one have
    // stopped without (see ensureIndexes)
    List<IdRange> ranges =
        inTransaction(
            "split contacts",
            c -> {
              holdSurvivors(c);
              execute(c, "DROP INDEX IF EXISTS " + RECHECK_INDEX);
              return workers.split(c);
            });
    Tally tally =
        workers.run(
            ranges,
            range ->
                inTransaction(
                    "segment contacts " + range.from() + " to " + range.to(),
                    c -> range(c, range)));
    phase("classify");
    return inTransaction("segment merged contacts", c -> finishFull(c, tally, finish));
  }

  /**
   * The survivors of merges as the run starts, in segment_dirty (only segment runs write it, one at
   * a time): the ranges leave them out and the last step classifies them, so a merge or undo
   * committed while the run works cannot make a range see a contact as a survivor in one statement
   * and as an ordinary contact in the next. A merge made meanwhile reaches the next cycle.
   */
  private void holdSurvivors(Connection c) throws SQLException {
    tables.clear(c, "segment_dirty");
    execute(
        c,
        "INSERT INTO segment_dirty (contact_id) SELECT DISTINCT merged_into FROM contact WHERE"
            + " merged_into IS NOT NULL");
  }

  /**
   * The contacts in {@code range} (all when null) from their events, but for the survivors of
   * merges: their stays kept, their rows replaced, the history written.
   */
  private Tally range(Connection c, IdRange range) throws SQLException {
    int kept =
        tables.takeStays(
            c,
            "contact_id NOT IN (SELECT contact_id FROM segment_dirty)"
                + IdRange.within(range, "contact_id"));
    if (!postgres) {
      tables.stage(c, SegmentSql.stageEvents(rules, Scope.ALL, range));
    }
    int recomputed =
        execute(
            c,
            SegmentSql.insertClassified(rules, Scope.ALL, range, postgres),
            rules.now(),
            rules.now());
    return Tally.of(recomputed, 0, recomputed, tables.closeStays(c, range), kept);
  }

  private Tally finishFull(Connection c, Tally tally, Finish finish) throws SQLException {
    if (postgres) {
      ensureIndexes(c);
      phase("build index");
    }
    Tally all = tally;
    if (Counts.single(c, "SELECT COUNT(*) FROM segment_dirty") > 0) {
      all = all.plus(recomputeDirty(c));
      phase("merged contacts");
    }
    finish.run(c, all);
    if (postgres) {
      execute(c, "ANALYZE contact_fact"); // so that the next runs are planned on what it now holds
      phase("analyze");
    }
    return all;
  }

  /**
   * The contacts with events recorded, merges made or undone, or records changed since {@code
   * since}, from their events; then the rows whose recheck moment has come (time moved them across
   * a cut-off, past their rhythm or P(alive) threshold, into the email sunset), from their stored
   * facts. One transaction, with {@code finish}.
   */
  Tally incremental(Instant since, Finish finish) {
    return inTransaction(
        "segment contacts",
        c -> {
          if (postgres) {
            ensureIndexes(c); // should a full run have stopped between dropping and building it
          }
          tables.markDirty(c, since);
          phase("find changes");
          Tally dirty = recomputeDirty(c);
          phase("recompute");
          // the rows whose time has come: their stored facts staged, their rows classified again
          tables.stage(c, SegmentSql.stageDue(rules, postgres));
          int kept = tables.takeStays(c, "contact_id IN (SELECT contact_id FROM segment_agg)");
          int rechecked =
              execute(
                  c,
                  SegmentSql.insertClassified(rules, Scope.STAGED, null, postgres),
                  rules.now(),
                  rules.now());
          Tally tally =
              dirty.plus(Tally.of(0, rechecked, rechecked, tables.closeStays(c, null), kept));
          phase("recheck");
          finish.run(c, tally);
          phase("record");
          return tally;
        });
  }

  /**
   * Replaces the rows of the contacts in segment_dirty (those merged away get none) and writes the
   * history of those that moved.
   */
  private Tally recomputeDirty(Connection c) throws SQLException {
    int kept;
    int recomputed;
    if (postgres) {
      // the dirty contacts and those merged into them (whose events count for them), as arrays:
      // PostgreSQL then reads their events by index instead of hashing them all
      Array dirty =
          c.createArrayOf(
              "bigint",
              ids(c, "SELECT contact_id FROM segment_dirty ORDER BY contact_id").toArray());
      Array owners =
          c.createArrayOf(
              "bigint",
              ids(
                      c,
                      "SELECT contact_id FROM segment_dirty UNION SELECT o.id FROM contact o"
                          + " JOIN segment_dirty d ON o.merged_into = d.contact_id ORDER BY 1")
                  .toArray());
      kept = tables.takeStays(c, "contact_id = ANY(?)", dirty);
      recomputed =
          execute(
              c,
              SegmentSql.insertClassified(rules, Scope.DIRTY_ARRAYS, null, true),
              rules.now(),
              rules.now(),
              owners,
              dirty);
    } else {
      // H2 scans an array condition row by row; IN (subquery) it plans well
      kept = tables.takeStays(c, "contact_id IN (SELECT contact_id FROM segment_dirty)");
      tables.stage(c, SegmentSql.stageEvents(rules, Scope.DIRTY_TABLE, null));
      recomputed =
          execute(
              c,
              SegmentSql.insertClassified(rules, Scope.DIRTY_TABLE, null, false),
              rules.now(),
              rules.now());
    }
    return Tally.of(recomputed, 0, recomputed, tables.closeStays(c, null), kept);
  }
}
