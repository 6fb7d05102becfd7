package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.segment.Explainer;
import org.winbackhub.testing.TestCrms;

/**
 * A MariaDB CRM that soft-deletes (a customer's archived flag, an invoice's deleted_at), connected
 * by YAML only with a delete marker per query: what was deleted before the first load never counts,
 * a customer and an invoice deleted later leave the hub on the next catch-up read and the next
 * cycle, and come back when the CRM undeletes them.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:deletions-routes/*.camel.yaml",
      "camel.beans.softCrm=#class:com.zaxxer.hikari.HikariDataSource",
      "camel.beans.softCrm.jdbcUrl=jdbc:mariadb://127.0.0.1:3306/winback_deletions_it",
      "camel.beans.softCrm.username=root",
      "hub.sources.retry-backoff-ms=50"
    })
class SqlSourceDeletionsIT extends HubAppTest {
  static final String CRM = "jdbc:mariadb://127.0.0.1:3306/winback_deletions_it";

  @BeforeAll
  static void createCrm() throws Exception {
    TestCrms.mariaDb("winback_deletions_it", "crm/soft-delete-crm-mariadb.sql");
  }

  /** Reports before this index were looked at already. */
  int next;

  /** Waits for a sync report of the CRM that matches, after the last one returned. */
  SyncReport report(Predicate<SyncReport> wanted) throws Exception {
    MockEndpoint synced = camel.getEndpoint("mock:synced", MockEndpoint.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<Exchange> all = synced.getReceivedExchanges();
      for (int i = next; i < all.size(); i++) {
        SyncReport r = all.get(i).getMessage().getBody(SyncReport.class);
        if (r != null && wanted.test(r)) {
          next = i + 1;
          return r;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no matching sync report of soft-crm within 30 s");
  }

  Map<String, Object> facts(String email) throws Exception {
    List<Map<String, Object>> rows =
        query(
            "SELECT f.purchase_count, f.total_spend, f.lifecycle FROM contact_fact f"
                + " JOIN contact k ON k.id = f.contact_id WHERE k.email = '"
                + email
                + "'");
    return rows.isEmpty() ? null : rows.get(0);
  }

  static void crm(String sql) throws Exception {
    TestCrms.execute(CRM, "root", sql);
  }

  @Test
  @Order(1)
  void what_was_deleted_before_the_first_load_never_counts() throws Exception {
    awaitCount("SELECT COUNT(*) FROM source_watermark WHERE source LIKE 'soft-crm:%'", 2);
    report(r -> true);
    runCycle();

    // Carla was archived in the CRM already: no live contact, and her invoice counts for no one
    assertThat(query("SELECT email FROM contact WHERE archived_at IS NULL ORDER BY email"))
        .extracting(r -> r.get("email"))
        .containsExactly("ana@example.com", "blas@example.com");
    assertThat(
            query(
                    "SELECT k.archive_reason, r.external_id FROM contact k JOIN source_ref r ON"
                        + " r.contact_id = k.id WHERE k.archived_at IS NOT NULL")
                .get(0))
        .containsEntry("external_id", "3")
        .containsEntry(
            "archive_reason",
            "no live source reference: soft-crm 3 deleted in the source (archived = true)");
    assertThat(count("SELECT COUNT(*) FROM contact_fact")).isEqualTo(2);
    // F-5 was deleted before the hub ever read it: not stored at all
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE external_id = 'purchase:F-5'"))
        .isZero();
    assertThat(facts("ana@example.com")).containsEntry("purchase_count", 2);
    assertThat(facts("ana@example.com").get("total_spend").toString()).isEqualTo("100.00");
    // Blas lapsed: the win-back journey takes him in
    assertThat(facts("blas@example.com")).containsEntry("lifecycle", "LAPSED");
    assertThat(
            count(
                "SELECT COUNT(*) FROM enrollment e JOIN contact k ON k.id = e.contact_id WHERE"
                    + " k.email = 'blas@example.com'"))
        .isEqualTo(1);
  }

  @Test
  @Order(2)
  void a_customer_and_an_invoice_deleted_later_leave_on_the_next_catch_up_read() throws Exception {
    crm("UPDATE customers SET archived = TRUE, updated_at = NOW(3) WHERE id = 2");
    crm("UPDATE invoices SET deleted_at = NOW(3), updated_at = NOW(3) WHERE no = 'F-2'");

    SyncReport deleted = report(r -> r.changes().deleted() > 0);
    assertThat(deleted.line()).contains(", deleted ");
    awaitCount("SELECT COUNT(*) FROM contact_event WHERE deleted_at IS NOT NULL", 1);
    awaitCount(
        "SELECT COUNT(*) FROM contact WHERE email = 'blas@example.com' AND archived_at IS NOT NULL",
        1);
    runCycle();

    // the invoice no longer counts: Ana has one purchase, 300 days ago
    assertThat(facts("ana@example.com"))
        .containsEntry("purchase_count", 1)
        .containsEntry("lifecycle", "LAPSED");
    assertThat(facts("ana@example.com").get("total_spend").toString()).isEqualTo("40.00");
    assertThat(
            query("SELECT deleted_reason FROM contact_event WHERE external_id = 'purchase:F-2'")
                .get(0)
                .get("deleted_reason")
                .toString())
        .startsWith("deleted in the source (deleted_at = ");

    // Blas is archived: out of his segment and his journey, and explain says why
    assertThat(facts("blas@example.com")).isNull();
    assertThat(
            query(
                    "SELECT e.status, e.status_reason FROM enrollment e JOIN contact k ON k.id ="
                        + " e.contact_id WHERE k.email = 'blas@example.com'")
                .get(0))
        .containsEntry("status", "EXITED")
        .containsEntry(
            "status_reason",
            "contact archived: no live source reference: soft-crm 2 deleted in the source (archived"
                + " = true)");
    Explainer.Explanation why =
        camel
            .getRegistry()
            .lookupByNameAndType("explainer", Explainer.class)
            .explain("blas@example.com")
            .orElseThrow();
    assertThat(why.lifecycle()).isEqualTo("ARCHIVED");
    assertThat(why.text())
        .contains("no live source reference: soft-crm 2 deleted in the source (archived = true)")
        .containsPattern(
            "soft-crm 2 \\(ended \\d{4}-\\d\\d-\\d\\d: deleted in the source \\(archived ="
                + " true\\)\\)");
    // read again within the overlap: nothing changes twice
    SyncReport again = report(r -> r.read() > 0 && r.changes().deleted() == 0);
    assertThat(again.line()).doesNotContain("deleted");
  }

  @Test
  @Order(3)
  void undeleted_in_the_crm_both_come_back() throws Exception {
    crm("UPDATE customers SET archived = FALSE, updated_at = NOW(3) WHERE id = 2");
    crm("UPDATE invoices SET deleted_at = NULL, updated_at = NOW(3) WHERE no = 'F-2'");
    awaitCount("SELECT COUNT(*) FROM contact_event WHERE deleted_at IS NOT NULL", 0);
    awaitCount("SELECT COUNT(*) FROM contact WHERE archived_at IS NULL", 2);
    runCycle();
    assertThat(facts("ana@example.com")).containsEntry("purchase_count", 2);
    assertThat(facts("blas@example.com")).containsEntry("lifecycle", "LAPSED");
    assertThat(
            count(
                "SELECT COUNT(*) FROM source_ref WHERE source = 'soft-crm' AND ended_at IS NOT"
                    + " NULL"))
        .as("only Carla's")
        .isEqualTo(1);
  }
}
