package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
import org.winbackhub.testing.TestCrms;

/**
 * A scheduled source run is retried by Camel (route configuration hub-sources): a CRM whose
 * database refuses two connections is taken in by the third try, each try a run of its own, with
 * growing pauses; one that keeps refusing is DOWN in health after three tries, and no try logs a
 * stack trace.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {"file:config/application.properties"},
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:retry-routes/*.camel.yaml",
      "hub.cycle.enabled=false",
      "hub.http.host=127.0.0.1",
      "camel.beans.flakyCrm=#class:org.winbackhub.testing.FlakyDataSource",
      "camel.beans.flakyCrm.jdbcUrl=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=winback_retries_it",
      "camel.beans.flakyCrm.username=postgres",
      "camel.beans.flakyCrm.failures=2",
      "camel.beans.downCrm=#class:org.winbackhub.testing.FlakyDataSource",
      "camel.beans.downCrm.jdbcUrl=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=winback_retries_it",
      "camel.beans.downCrm.username=postgres",
      "camel.beans.downCrm.failures=1000000",
      "hub.sources.retry-backoff-ms=100"
    })
class SourceRetriesIT extends HubAppTest {
  static final Path MAPPING = Path.of("target/source-retries-it/crm.yaml");
  static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

  @BeforeAll
  static void createCrm() throws Exception {
    TestCrms.postgresCustomers("winback_retries_it", 5);
    Files.createDirectories(MAPPING.getParent());
    Files.writeString(
        MAPPING,
        """
        contacts:
          query: >
            SELECT id, email, name, updated_at FROM customers WHERE updated_at >= :watermark ORDER BY updated_at
          key: id
          changed: updated_at
          fields: {email: email, first_name: name}
        """);
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOG.start();
    root.addAppender(LOG);
  }

  @AfterAll
  static void stopPeers() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
  }

  String check(String source) throws Exception {
    String body = health();
    int at = body.indexOf("{\"name\":\"source:" + source + "\"");
    return at < 0 ? "" : body.substring(at, body.indexOf('}', at) + 1);
  }

  List<Map<String, Object>> runs(String source) throws Exception {
    return query(
        "SELECT status, detail, started_at, finished_at FROM source_run WHERE source = '"
            + source
            + "' ORDER BY id");
  }

  @Test
  @Order(1)
  void a_run_that_fails_twice_is_taken_in_by_its_third_try_each_try_recorded() throws Exception {
    MockEndpoint synced = camel.getEndpoint("mock:flaky-synced", MockEndpoint.class);
    synced.setMinimumExpectedMessageCount(1);
    synced.assertIsSatisfied(TimeUnit.SECONDS.toMillis(30));

    List<Map<String, Object>> runs = runs("flaky-crm");
    assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
    assertThat(runs.subList(0, 3))
        .extracting(r -> r.get("status"))
        .containsExactly("FAILED", "FAILED", "OK");
    // a failed try keeps its error's class, never its message
    assertThat(runs.get(0).get("detail")).isEqualTo("IllegalStateException");
    // the pauses grow: hub.sources.retry-backoff-ms, then four times that
    assertThat(pause(runs.get(0), runs.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(pause(runs.get(1), runs.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(count("SELECT COUNT(*) FROM contact WHERE email LIKE 'cliente%@example.com'"))
        .isEqualTo(5);
    // the tries that failed never took the source down
    assertThat(check("flaky-crm")).contains("\"status\":\"UP\"");
  }

  static Duration pause(Map<String, Object> before, Map<String, Object> after) {
    return Duration.between(instant(before.get("finished_at")), instant(after.get("started_at")));
  }

  static Instant instant(Object timestamp) {
    if (timestamp instanceof Timestamp t) {
      return t.toInstant();
    }
    return ((OffsetDateTime) timestamp).toInstant();
  }

  @Test
  @Order(2)
  void a_source_that_keeps_failing_is_down_after_its_third_try_and_no_try_logs_a_stack_trace()
      throws Exception {
    String check = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    // DOWN from the first failed try; wait for the third, the last of the run
    while ((!check.contains("\"status\":\"DOWN\"") || runs("down-crm").size() < 3)
        && System.nanoTime() < deadline) {
      check = check("down-crm");
      Thread.sleep(100);
    }
    assertThat(check).contains("\"status\":\"DOWN\"");
    // the next run is 10 s away
    List<Map<String, Object>> runs = runs("down-crm");
    assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("FAILED"));
    assertThat(camel.getEndpoint("mock:down-synced", MockEndpoint.class).getReceivedCounter())
        .isZero();

    List<ILoggingEvent> events = List.copyOf(LOG.list);
    assertThat(events)
        .filteredOn(
            e ->
                e.getLevel() == Level.WARN
                    && e.getFormattedMessage().startsWith("sync down-crm failed (run "))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(
            e -> {
              assertThat(e.getThrowableProxy()).isNull();
              assertThat(e.getFormattedMessage()).endsWith("): IllegalStateException");
            });
    assertThat(events)
        .as("no line quotes the error's message")
        .noneMatch(e -> e.getFormattedMessage().contains("connection refused"));
    assertThat(events)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(
            "sync down-crm failed on its last try, the source is DOWN until a run succeeds:"
                + " IllegalStateException")
        .noneMatch(m -> m.contains("flaky-crm"));
  }
}
