package org.winbackhub.segment.classify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.winbackhub.segment.classify.SegmentSql.IdRange;
import org.winbackhub.store.StoreException;

/**
 * A full run's contacts split into id ranges and classified on several connections at once, each
 * range by a worker thread of its own. The run's lock must outlive its writers: every range is
 * waited for, also after one failed or the run was interrupted.
 */
final class RangeWorkers {
  private final int count;

  RangeWorkers(int count) {
    this.count = count;
  }

  /** How many connections work at once. */
  int count() {
    return count;
  }

  /**
   * The live contacts' ids in about twice as many ranges as there are workers, so that none waits
   * long for the last.
   */
  List<IdRange> split(Connection c) throws SQLException {
    long min;
    long max;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT MIN(id), MAX(id) FROM contact")) {
      rs.next();
      min = rs.getLong(1);
      max = rs.getLong(2);
    }
    List<IdRange> out = new ArrayList<>();
    long size = Math.max(1, (max - min + 1 + count * 2 - 1) / (count * 2));
    for (long from = min; from <= max; from += size) {
      out.add(new IdRange(from, Math.min(max, from + size - 1)));
    }
    return out;
  }

  /**
   * Classifies every range with {@code classify}, as many at once as there are workers; returns
   * what they did together. After the first failure the ranges not started yet are cancelled, and
   * that failure is thrown once the running ones are done.
   */
  Tally run(List<IdRange> ranges, Function<IdRange, Tally> classify) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            count,
            r -> {
              Thread t = new Thread(r, "segment-worker");
              t.setDaemon(true);
              return t;
            });
    Tally tally = Tally.NONE;
    RuntimeException failed = null;
    try {
      List<Future<Tally>> parts = new ArrayList<>();
      for (IdRange range : ranges) {
        parts.add(pool.submit(() -> classify.apply(range)));
      }
      // every range is waited for, even after one failed: the run's lock must outlive its writers
      for (Future<Tally> part : parts) {
        try {
          tally = tally.plus(part.get());
        } catch (ExecutionException e) {
          if (failed == null) {
            failed =
                e.getCause() instanceof RuntimeException re
                    ? re
                    : (e.getCause() instanceof SQLException sql
                        ? StoreException.of("segment run", sql)
                        : new StoreException("segment run failed: " + e.getCause(), e.getCause()));
            parts.forEach(p -> p.cancel(false)); // the ranges not started yet
          }
        } catch (CancellationException e) {
          // a range not started after another failed
        }
      }
    } catch (InterruptedException e) {
      awaitWorkers(pool);
      Thread.currentThread().interrupt();
      throw new StoreException("segment run interrupted", e);
    } finally {
      pool.shutdown();
    }
    if (failed != null) {
      throw failed;
    }
    return tally;
  }

  /**
   * After an interrupt: the ranges already running still finish before the run lets go of its lock.
   */
  private static void awaitWorkers(ExecutorService pool) {
    pool.shutdown();
    try {
      while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        // a range is still writing
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
