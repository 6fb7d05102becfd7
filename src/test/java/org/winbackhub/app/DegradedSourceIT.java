package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;
import org.winbackhub.intake.camel.SourceRunner;
import org.winbackhub.intake.camel.SourceRuns;
import org.winbackhub.testing.TestCrms;

/**
 * A CRM on PostgreSQL whose mapping reads the order date as the amount, synced on its schedule: the
 * source turns DEGRADED in /observe/health with the share and the reasons, and each degraded run
 * logs one WARN line; after the mapping is fixed a retry takes the rows in and it is UP again.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:degraded-routes/*.camel.yaml",
      "camel.beans.ordersCrm=#class:com.zaxxer.hikari.HikariDataSource",
      "camel.beans.ordersCrm.jdbcUrl=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=winback_degraded_it",
      "camel.beans.ordersCrm.username=postgres",
      "hub.sources.retry-backoff-ms=50"
    })
class DegradedSourceIT extends HubAppTest {
  static final Path MAPPING = Path.of("target/degraded-it/orders-crm.yaml");
  static final String FIXED =
      """
      contacts:
        query: >
          SELECT id, email, name, updated_at FROM customers WHERE updated_at >= :watermark ORDER BY updated_at
        key: id
        changed: updated_at
        fields: {email: email, first_name: name}
      events:
        - type: purchase
          query: >
            SELECT id, customer_id, total, placed_at, updated_at FROM orders
            WHERE updated_at >= :watermark ORDER BY updated_at
          key: id
          contact: customer_id
          at: placed_at
          amount: total
          changed: updated_at
      """;
  static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

  @BeforeAll
  static void createCrm() throws Exception {
    TestCrms.postgresCustomers(
        "winback_degraded_it",
        40,
        "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total NUMERIC(10,2)"
            + " NOT NULL, placed_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL)",
        "INSERT INTO orders SELECT 1000 + i, 1 + i % 40, 10 + i, now() - i * interval '1 day',"
            + " now() - interval '2 days' + i * interval '10 minutes' FROM generate_series(1, 60)"
            + " i");
    Files.createDirectories(MAPPING.getParent());
    Files.writeString(MAPPING, FIXED.replace("amount: total", "amount: placed_at"));
    Logger runs = (Logger) LoggerFactory.getLogger(SourceRuns.class);
    runs.setLevel(Level.INFO);
    LOG.start();
    runs.addAppender(LOG);
  }

  @AfterAll
  static void stopPeers() {
    ((Logger) LoggerFactory.getLogger(SourceRuns.class)).detachAppender(LOG);
  }

  /**
   * The check source:orders-crm of /observe/health once it is {@code degraded} (status UP with a
   * message "DEGRADED: ...") or not (status UP, no message).
   */
  String sourceCheck(boolean degraded) throws Exception {
    String body = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      body = health();
      int at = body.indexOf("{\"name\":\"source:orders-crm\"");
      if (at >= 0) {
        String check = body.substring(at, body.indexOf('}', at) + 1);
        if (check.contains("\"message\":\"DEGRADED: ") == degraded) {
          return check;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "source:orders-crm never " + (degraded ? "DEGRADED" : "UP") + " within 20 s: " + body);
  }

  SyncReport nextReport() throws Exception {
    MockEndpoint synced = camel.getEndpoint("mock:orders-synced", MockEndpoint.class);
    synced.reset();
    synced.expectedMinimumMessageCount(1);
    synced.setResultWaitTime(20_000);
    synced.assertIsSatisfied();
    return synced.getReceivedExchanges().get(0).getMessage().getBody(SyncReport.class);
  }

  @Test
  @Order(1)
  void a_source_that_rejects_most_rows_is_degraded_in_health_with_the_share_and_the_reasons()
      throws Exception {
    String check = sourceCheck(true);
    String why =
        "60 of 100 new rows refused (60.0 %, more than 5 %): 60 placed_at: expected a number";
    assertThat(check)
        .startsWith("{\"name\":\"source:orders-crm\",\"status\":\"UP\",\"message\":\"DEGRADED: ")
        .contains(why);
    String hub = health();
    for (int i = 0; i < 100 && !hub.startsWith("{\"status\":\"UP\""); i++) {
      Thread.sleep(200); // until every consumer has polled once
      hub = health();
    }
    assertThat(hub)
        .as("the hub itself stays up")
        .startsWith("{\"status\":\"UP\"")
        // a later run that read nothing new says "DEGRADED: as run 1 left it, ...: " + why
        .contains("DEGRADED: ")
        .contains(why);
    nextReport();

    List<String> warnings =
        LOG.list.stream()
            .filter(e -> e.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(warnings)
        .as("one WARN line per run that leaves the source degraded")
        .isNotEmpty()
        .allMatch(w -> !w.contains("@example.com") && !w.matches(".*\\d{4}-\\d\\d-\\d\\d.*"));
    assertThat(warnings.get(0))
        .isEqualTo("sync orders-crm: DEGRADED: " + why + " (after a fix: sync --retry-rejected)");
    assertThat(warnings.subList(1, warnings.size()))
        .as("later runs read nothing new and leave the source as the first one did")
        .allMatch(
            w ->
                w.startsWith(
                    "sync orders-crm: DEGRADED: as run 1 left it, nothing new read since: " + why));
    assertThat(
            count(
                "SELECT COUNT(*) FROM rejected_record WHERE source = 'orders-crm' AND resolved_at"
                    + " IS NULL"))
        .isEqualTo(60);
    assertThat(
            SourceRunner.KAMELETS.stream()
                .map(k -> camel.getRegistry().lookupByNameAndType(k, SourceRunner.class))
                .toList())
        .as("every source runner, under the Kamelet names the command knows before the hub starts")
        .doesNotContainNull()
        .containsExactlyInAnyOrderElementsOf(camel.getRegistry().findByType(SourceRunner.class));
  }

  @Test
  @Order(2)
  void after_the_mapping_is_fixed_a_retry_takes_the_rejected_rows_in_and_the_source_is_up_again()
      throws Exception {
    camel.getRouteController().stopRoute("source-orders-crm");
    Files.writeString(MAPPING, FIXED);
    SourceRunner runner =
        camel.getRegistry().lookupByNameAndType("winback-crm-jdbc-source", SourceRunner.class);
    SyncReport retry =
        runner.runOnce(
            Map.of(
                "sourceId", "orders-crm", "dataSource", "ordersCrm", "mapping", MAPPING.toString()),
            SyncProgress.NONE,
            SyncRun.Scope.REJECTED,
            false);

    assertThat(retry.line())
        .matches(
            "sync orders-crm: read 60, new 0, updated 0, merged 0, new events 60, rejected 0,"
                + " fields refused 0, resolved 60, [0-9.]+ s");
    assertThat(retry.degraded()).isNull();
    assertThat(
            count(
                "SELECT COUNT(*) FROM rejected_record WHERE source = 'orders-crm' AND resolved_at"
                    + " IS NULL"))
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM rejected_record j JOIN source_run r ON r.id = j.resolved_by"
                    + " WHERE r.scope = 'retry-rejected' AND r.status = 'OK'"))
        .isEqualTo(60);
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE source = 'orders-crm'"))
        .isEqualTo(60);
    assertThat(sourceCheck(false)).isEqualTo("{\"name\":\"source:orders-crm\",\"status\":\"UP\"}");

    // the schedule goes on: nothing new to read, and the source stays as the retry left it
    camel.getRouteController().startRoute("source-orders-crm");
    assertThat(nextReport().degraded()).isNull();
    assertThat(sourceCheck(false)).isEqualTo("{\"name\":\"source:orders-crm\",\"status\":\"UP\"}");
  }
}
