package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.TestCrms;

/**
 * Two CRMs of different shapes, one on MariaDB and one on PostgreSQL, connected by configuration
 * only (a route using the winback-crm-jdbc-source Kamelet, a DataSource bean from properties, a
 * mapping file), synced on their schedule into the hub, then incrementally.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:crm-routes/*.camel.yaml",
      "camel.beans.peopleCrm=#class:com.zaxxer.hikari.HikariDataSource",
      "camel.beans.peopleCrm.jdbcUrl=jdbc:mariadb://127.0.0.1:3306/winback_crm_it",
      "camel.beans.peopleCrm.username=root",
      "camel.beans.accountsCrm=#class:com.zaxxer.hikari.HikariDataSource",
      "camel.beans.accountsCrm.jdbcUrl=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=winback_crm_it",
      "camel.beans.accountsCrm.username=postgres",
      "camel.beans.deadCrm=#class:com.zaxxer.hikari.HikariDataSource",
      "camel.beans.deadCrm.jdbcUrl=jdbc:postgresql://127.0.0.1:9/nowhere",
      "camel.beans.deadCrm.connectionTimeout=250",
      "camel.beans.deadCrm.initializationFailTimeout=-1",
      "hub.sources.retry-backoff-ms=50"
    })
public class SqlCrmSourcesIT extends HubAppTest {

  @BeforeAll
  static void createCrms() throws Exception {
    TestCrms.mariaDb("winback_crm_it", "crm/people-crm-mariadb.sql");
    TestCrms.script(
        TestStores.freshSchema("winback_crm_it"), "postgres", "crm/accounts-crm-postgres.sql");
  }

  MockEndpoint synced() {
    return camel.getEndpoint("mock:synced", MockEndpoint.class);
  }

  /** Waits for the next report of each source and returns them by source. */
  Map<String, SyncReport> nextReports() throws Exception {
    synced().reset();
    synced().expectedMinimumMessageCount(2);
    synced().setResultWaitTime(20_000);
    synced().assertIsSatisfied();
    Map<String, SyncReport> bySource = new HashMap<>();
    for (var e : synced().getReceivedExchanges()) {
      SyncReport r = e.getMessage().getBody(SyncReport.class);
      if (r != null) {
        bySource.putIfAbsent(r.source(), r);
      }
    }
    return bySource;
  }

  @Test
  @Order(1)
  void both_crms_are_taken_in_with_consent_events_and_rejects() throws Exception {
    // let a first full run of both finish
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (count("SELECT COUNT(*) FROM source_watermark") < 5 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    nextReports();

    // Teo is in both CRMs with the same email: one contact, two source references
    // Vera's address is no address: she arrives without it
    assertThat(count("SELECT COUNT(*) FROM contact"))
        .as(
            query(
                    "SELECT k.*, r.source, r.external_id FROM contact k JOIN source_ref r ON"
                        + " r.contact_id = k.id")
                .toString())
        .isEqualTo(6);
    assertThat(query("SELECT email, email_consent FROM contact WHERE first_name = 'Vera'").get(0))
        .containsEntry("email", null)
        .containsEntry("email_consent", "GRANTED");
    assertThat(
            count(
                "SELECT COUNT(*) FROM source_ref r JOIN contact k ON k.id = r.contact_id WHERE"
                    + " k.email = 'teo@example.com'"))
        .isEqualTo(2);
    assertThat(
            query(
                    "SELECT email, phone, email_consent, sms_consent FROM contact WHERE first_name"
                        + " = 'Rosa'")
                .get(0))
        .containsEntry("email", "Rosa.Ramos@Example.com") // as typed in the CRM
        .containsEntry("phone", "+34611222333")
        .containsEntry("email_consent", "GRANTED");
    assertThat(
            query("SELECT email_consent, sms_consent FROM contact WHERE first_name = 'Saúl'")
                .get(0))
        .containsEntry("email_consent", "OPTED_OUT")
        .containsEntry("sms_consent", "OPTED_OUT");
    assertThat(query("SELECT email_consent FROM contact WHERE first_name = 'Xavi'").get(0))
        .containsEntry("email_consent", "OPTED_OUT");
    assertThat(count("SELECT COUNT(*) FROM contact WHERE first_name IN ('Úrsula', 'Yago')"))
        .isZero();

    List<Map<String, Object>> events =
        query(
            "SELECT source, external_id, type, amount, currency FROM contact_event ORDER BY source,"
                + " external_id");
    assertThat(events)
        .extracting(e -> e.get("source") + "/" + e.get("external_id") + "/" + e.get("type"))
        .containsExactly(
            "accounts-crm/purchase:1000/purchase",
            "accounts-crm/purchase:1002/purchase",
            "accounts-crm/purchase:1003/purchase",
            "accounts-crm/visit:1001/visit",
            "people-crm/complaint:10/complaint",
            "people-crm/purchase:SO-1/purchase",
            "people-crm/purchase:SO-2/purchase",
            "people-crm/purchase:SO-3/purchase");
    assertThat(
            query("SELECT amount FROM contact_event WHERE external_id = 'purchase:SO-1'")
                .get(0)
                .get("amount")
                .toString())
        .isEqualTo("120.50");

    Map<String, Object> reject =
        query("SELECT source, location, record_key, field, raw, reason FROM rejected_record")
            .get(0);
    assertThat(reject)
        .containsEntry("source", "people-crm")
        .containsEntry("location", "people-crm contacts")
        .containsEntry("record_key", "5")
        .containsEntry("field", "email")
        .containsEntry("raw", "v***");
    assertThat(reject.get("reason").toString()).startsWith("email: not a valid address");
  }

  @Test
  @Order(2)
  void the_next_runs_read_only_what_changed_since_the_watermark() throws Exception {
    long eventsBefore = count("SELECT COUNT(*) FROM contact_event");
    TestCrms.execute(
        "jdbc:mariadb://127.0.0.1:3306/winback_crm_it",
        "root",
        "UPDATE person_mail SET address = 'vera@example.com' WHERE person_id = 5");
    TestCrms.execute(
        "jdbc:mariadb://127.0.0.1:3306/winback_crm_it",
        "root",
        "UPDATE people SET updated_at = NOW(3) WHERE person_id = 5");
    TestCrms.execute(
        "jdbc:mariadb://127.0.0.1:3306/winback_crm_it",
        "root",
        "INSERT INTO sales_orders VALUES ('SO-5', 2, 42.00, 'EUR', NOW(), FALSE, NOW(3))");
    TestCrms.execute(
        "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=winback_crm_it",
        "postgres",
        "INSERT INTO crm_activities VALUES (1004, 101, 'deal_won', 60.00, now(), now())");

    Map<String, SyncReport> reports = nextReports();
    // a run may start just before the changes; wait for one that saw them
    for (int i = 0; i < 3 && count("SELECT COUNT(*) FROM contact_event") < eventsBefore + 2; i++) {
      reports = nextReports();
    }
    assertThat(count("SELECT COUNT(*) FROM contact_event")).isEqualTo(eventsBefore + 2);
    assertThat(count("SELECT COUNT(*) FROM contact WHERE email = 'vera@example.com'")).isEqualTo(1);
    // steady state: each stream re-reads only the rows at its watermark (within the overlap),
    // never the whole CRM (9 people-crm rows, 7 accounts-crm rows)
    reports = nextReports();
    assertThat(reports.get("people-crm").read()).isBetween(1L, 3L);
    assertThat(reports.get("accounts-crm").read()).isBetween(1L, 3L);
    assertThat(reports.get("people-crm").changes().newEvents()).isZero();
    assertThat(reports.get("people-crm").changes().newContacts()).isZero();
  }

  @Test
  @Order(3)
  void a_source_that_is_down_shows_in_health_while_the_others_go_on() throws Exception {
    String body = healthOnceItHas("source:dead-crm", 20);
    assertThat(body)
        .contains("{\"name\":\"source:dead-crm\",\"status\":\"DOWN\"")
        .contains("{\"name\":\"source:people-crm\",\"status\":\"UP\"")
        .contains("{\"name\":\"source:accounts-crm\",\"status\":\"UP\"");
    Map<String, SyncReport> reports = nextReports();
    assertThat(reports).containsKeys("people-crm", "accounts-crm");
    String metrics = get("http://127.0.0.1:" + peers().managementPort + "/observe/metrics").body();
    assertThat(metrics)
        .containsPattern("hub_sync_rows_read\\{[^}]*stream=\"people-crm:contacts\"[^}]*\\} [0-9]");
  }
}
