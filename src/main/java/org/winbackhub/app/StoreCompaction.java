package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.store.H2Compaction;
import org.winbackhub.store.H2Compaction.Measure;

/**
 * The service's stop compacts an embedded H2 file that has grown mostly empty
 * (hub.store.compact-at-stop, hub.store.compact-at-stop-above): H2 itself no longer compacts at
 * close ({@link H2Compaction}). Nothing happens on PostgreSQL, on a store this process reaches
 * through another's server, or for one-shot commands (only the service calls this).
 */
final class StoreCompaction {
  private static final Logger LOG = LoggerFactory.getLogger(StoreCompaction.class);
  private final boolean enabled;
  private final long minBytes;

  StoreCompaction(boolean enabled, long minBytes) {
    this.enabled = enabled;
    this.minBytes = minBytes;
  }

  /**
   * Called with the sends done, before the pool closes; leaves the store closed if it compacts. The
   * compaction runs on a connection of its own, outside the pool: closing a pooled connection whose
   * database is gone makes H2 write an error trace file.
   */
  void atStop(HikariDataSource store) {
    if (!enabled) {
      return;
    }
    try (Connection c =
        DriverManager.getConnection(store.getJdbcUrl(), store.getUsername(), store.getPassword())) {
      if (!H2Compaction.holdsTheFile(c)) {
        return;
      }
      Optional<Measure> m = H2Compaction.measure(c);
      if (m.isEmpty() || !m.get().worthCompacting(minBytes)) {
        m.ifPresent(f -> LOG.debug("store file {}: not compacted", f));
        return;
      }
      LOG.info("compacting the store file ({}): its live data copied into a new file", m.get());
      long started = System.nanoTime();
      H2Compaction.compact(c);
      LOG.info(
          "store file compacted in {} ms (about {} MB live)",
          (System.nanoTime() - started) / 1_000_000,
          m.get().liveBytes() >> 20);
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "the store file was not compacted ({}: {}); it stays as it was",
          e.getClass().getSimpleName(),
          e.getMessage());
    }
  }
}
