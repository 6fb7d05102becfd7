package org.winbackhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Rejection;

/** A rejected record is kept once however often the same input is read again. */
class RejectRepositoryIT {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void the_same_rejection_read_again_is_kept_once_on_h2() {
    try (HikariDataSource ds = TestStores.h2()) {
      keptOnce(ds);
    }
  }

  @Test
  void the_same_rejection_read_again_is_kept_once_on_postgres() throws Exception {
    try (HikariDataSource ds = TestStores.postgres("fixes_rejects")) {
      keptOnce(ds);
    }
  }

  private void keptOnce(HikariDataSource ds) {
    RejectRepository rejects = new RejectRepository(new Database(ds));
    Rejection sqlRow =
        new Rejection("crm", "crm contacts", null, "42", "email: not an address", null);
    Rejection noKey = new Rejection("crm", "crm contacts", null, null, "contact_id: missing", null);
    Rejection line6 =
        new Rejection(
            "cards", "export.csv", 6L, "K5", "amount: a purchase needs an amount", "K5,,");
    Rejection line9 =
        new Rejection(
            "cards", "export.csv", 9L, "K5", "amount: a purchase needs an amount", "K5,,");
    for (int run = 0; run < 3; run++) {
      rejects.add(sqlRow, NOW.plusSeconds(run));
      rejects.add(noKey, NOW.plusSeconds(run));
      new Database(ds)
          .inTransaction(
              "batch",
              c -> {
                rejects.add(c, List.of(line6, line9, line6), NOW);
                return null;
              });
    }
    assertThat(rejects.count())
        .as("one per record and reason; two lines of one card stay two")
        .isEqualTo(4);
  }

  @Test
  void distinct_webhooks_rejected_for_one_reason_are_kept_each_once_on_h2() {
    try (HikariDataSource ds = TestStores.h2()) {
      eachWebhookOnce(ds);
    }
  }

  @Test
  void distinct_webhooks_rejected_for_one_reason_are_kept_each_once_on_postgres() throws Exception {
    try (HikariDataSource ds = TestStores.postgres("surface_webhook_rejects")) {
      eachWebhookOnce(ds);
    }
  }

  private void eachWebhookOnce(HikariDataSource ds) {
    RejectRepository rejects = new RejectRepository(new Database(ds));
    for (int delivery = 0; delivery < 2; delivery++) { // Shopify delivers each webhook again
      for (String body : new String[] {"not json 1", "not json 2", "<html>3</html>"}) {
        rejects.add(
            new Rejection("shop", "shop webhook orders/create", null, null, "body: not JSON", body),
            NOW);
      }
    }
    assertThat(rejects.count()).as("three distinct bodies, each delivered twice").isEqualTo(3);
    assertThat(rejects.latest(10))
        .extracting(Rejection::raw)
        .containsExactly("not json 1", "not json 2", "<html>3</html>");
  }

  @Test
  void upgrading_a_store_keeps_one_of_each_rejection_already_stored_twice_on_h2() throws Exception {
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl(
          "jdbc:h2:mem:"
              + UUID.randomUUID()
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
      ds.setUsername("sa");
      upgradeKeepsOne(ds);
    }
  }

  @Test
  void upgrading_a_store_keeps_one_of_each_rejection_already_stored_twice_on_postgres()
      throws Exception {
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl(TestStores.freshSchema("fixes_rejects_upgrade"));
      ds.setUsername(TestStores.PG_USER);
      upgradeKeepsOne(ds);
    }
  }

  private void upgradeKeepsOne(HikariDataSource ds) throws Exception {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .target("1")
        .load()
        .migrate();
    try (var c = ds.getConnection();
        var s = c.createStatement()) {
      for (int run = 0; run < 3; run++) {
        s.executeUpdate(
            "INSERT INTO rejected_record (source, location, line_no, record_key, reason,"
                + " created_at) VALUES ('crm', 'crm contacts', NULL, '42', 'email: bad',"
                + " CURRENT_TIMESTAMP), ('crm', 'crm contacts', NULL, NULL, 'contact_id: missing',"
                + " CURRENT_TIMESTAMP), ('cards', 'export.csv', 6, 'K5', 'amount: missing',"
                + " CURRENT_TIMESTAMP)");
      }
      s.executeUpdate(
          "INSERT INTO rejected_record (source, location, line_no, record_key, reason, created_at)"
              + " VALUES ('cards', 'export.csv', 9, 'K5', 'amount: missing', CURRENT_TIMESTAMP)");
    }
    Migrations.migrate(ds);
    RejectRepository rejects = new RejectRepository(new Database(ds));
    assertThat(rejects.count()).isEqualTo(4);
    rejects.add(new Rejection("crm", "crm contacts", null, null, "contact_id: missing", null), NOW);
    rejects.add(new Rejection("cards", "export.csv", 6L, "K5", "amount: missing", null), NOW);
    assertThat(rejects.count()).as("rows stored before the upgrade count as seen").isEqualTo(4);
  }
}
