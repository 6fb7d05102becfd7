package org.winbackhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedded H2 file store writes each commit before it returns, whatever its URL says. */
class StoreUrlTest {
  @TempDir Path dir;

  @Test
  void an_h2_file_store_gets_no_write_delay_and_no_close_on_exit_whatever_the_url_says() {
    assertThat(
            StoreUrl.durable(
                "jdbc:h2:file:./data/hub;MODE=PostgreSQL;write_delay=500;DB_CLOSE_ON_EXIT=TRUE;max_compact_time=200;DATABASE_TO_LOWER=TRUE"))
        .isEqualTo(
            "jdbc:h2:file:./data/hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=0");
    assertThat(StoreUrl.durable("jdbc:h2:./data/hub"))
        .isEqualTo("jdbc:h2:./data/hub;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=0");
  }

  @Test
  void other_stores_are_opened_as_configured() {
    for (String url :
        new String[] {
          "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1",
          "jdbc:h2:tcp://db/hub",
          "jdbc:postgresql://db:5432/winback"
        }) {
      assertThat(StoreUrl.durable(url)).isEqualTo(url);
    }
  }

  @Test
  void the_store_reports_a_write_delay_and_the_hubs_url_removes_it() {
    String configured =
        "jdbc:h2:file:"
            + dir.resolve("hub")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=500";
    try (HikariDataSource asConfigured = TestStores.h2File(configured)) {
      assertThat(new Database(asConfigured).delayedCommits())
          .hasValueSatisfying(w -> assertThat(w).contains("500 ms late"));
    }
    try (HikariDataSource asOpened = TestStores.h2File(StoreUrl.durable(configured))) {
      assertThat(new Database(asOpened).delayedCommits()).isEmpty();
    }
  }
}
