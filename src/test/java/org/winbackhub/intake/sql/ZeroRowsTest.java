package org.winbackhub.intake.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A source query made to return no rows, as each database allows it. */
class ZeroRowsTest {
  static final String QUERY =
      "SELECT id, email, updated_at FROM people\n"
          + "WHERE updated_at >= :watermark\n"
          + "ORDER BY updated_at";

  @Test
  void postgresql_mariadb_and_h2_get_limit_0_after_the_query() {
    for (String product : new String[] {"PostgreSQL", "MariaDB", "MySQL", "H2"}) {
      assertThat(ZeroRows.of(QUERY + ";\n", product)).isEqualTo(QUERY + "\nLIMIT 0");
    }
  }

  @Test
  void a_query_that_limits_itself_is_wrapped_as_a_subquery() {
    assertThat(ZeroRows.of(QUERY + " LIMIT 500", "PostgreSQL"))
        .isEqualTo("SELECT * FROM (" + QUERY + " LIMIT 500) zero_rows LIMIT 0");
    assertThat(ZeroRows.of(QUERY + " FETCH FIRST 10 ROWS ONLY", "H2"))
        .startsWith("SELECT * FROM (")
        .endsWith(") zero_rows LIMIT 0");
  }

  @Test
  void other_databases_get_a_subquery_that_is_never_true_without_its_order() {
    assertThat(ZeroRows.of(QUERY, "Microsoft SQL Server"))
        .isEqualTo(
            "SELECT * FROM (SELECT id, email, updated_at FROM people\n"
                + "WHERE updated_at >= :watermark\n) zero_rows WHERE 1 = 0");
  }
}
