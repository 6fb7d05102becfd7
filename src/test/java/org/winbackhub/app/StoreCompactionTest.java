package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.store.StoreUrl;
import org.winbackhub.store.TestStores;

/**
 * The service's stop compacts an H2 file that grew mostly empty, by rewriting it whole, and leaves
 * one that is mostly live data as it is; nothing committed is lost either way.
 */
class StoreCompactionTest {
  @TempDir Path dir;

  @Test
  void a_file_grown_mostly_empty_is_rewritten_small_at_the_stop_with_every_row_kept()
      throws Exception {
    String url = StoreUrl.durable("jdbc:h2:file:" + dir.resolve("hub") + ";MODE=PostgreSQL");
    try (HikariDataSource pool = TestStores.h2File(url)) {
      churn(pool, 40); // 40 rounds of 2,000 rows written and deleted, 2,000 kept
      long before = Files.size(dir.resolve("hub.mv.db"));
      assertThat(before).as("the churn grew the file").isGreaterThan(4L << 20);

      new StoreCompaction(true, 1L << 20).atStop(pool);

      long after = Files.size(dir.resolve("hub.mv.db"));
      assertThat(after).as("compacted from %d bytes", before).isLessThan(before / 4);
    }
    assertThat(dir.resolve("hub.trace.db")).as("no error on the way").doesNotExist();
    try (HikariDataSource reopened = TestStores.h2File(url)) {
      assertThat(rows(reopened)).isEqualTo(2_000);
    }
  }

  @Test
  void a_file_under_the_threshold_or_with_compaction_off_is_left_as_it_is() throws Exception {
    String url = StoreUrl.durable("jdbc:h2:file:" + dir.resolve("hub") + ";MODE=PostgreSQL");
    try (HikariDataSource pool = TestStores.h2File(url)) {
      churn(pool, 40);
      long before = Files.size(dir.resolve("hub.mv.db"));
      new StoreCompaction(true, 1L << 40).atStop(pool); // a 1 TB threshold
      new StoreCompaction(false, 1).atStop(pool);
      assertThat(rows(pool)).as("the store is still open").isEqualTo(2_000);
      assertThat(Files.size(dir.resolve("hub.mv.db"))).isGreaterThanOrEqualTo(before);
    }
  }

  private static void churn(HikariDataSource pool, int rounds) throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY, body VARCHAR(600))");
      for (int r = 0; r <= rounds; r++) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
          for (int i = 0; i < 2_000; i++) {
            p.setLong(1, r * 10_000L + i);
            p.setString(2, "x".repeat(500));
            p.addBatch();
          }
          p.executeBatch();
        }
        if (r > 0) {
          s.execute("DELETE FROM t WHERE id < " + r * 10_000L);
        }
      }
    }
  }

  private static long rows(HikariDataSource pool) throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
