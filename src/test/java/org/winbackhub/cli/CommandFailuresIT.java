package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.testing.HubPeers;
import org.winbackhub.testing.PackagedJar;
import org.winbackhub.testing.TestCrms;

/**
 * Every command, run from the packaged jar as a user runs it, tells a mistake in the configuration
 * or the input in one line naming the file, key or source, and prints a stack trace only with
 * --verbose.
 */
class CommandFailuresIT {
  static final String CRM = "jdbc:mariadb://127.0.0.1:3306/winback_failures_it";
  static final String NO_TRACE = "(?m)^\\s+at [\\w.$]+\\(";

  @TempDir Path hub;

  @BeforeAll
  static void crm() throws Exception {
    TestCrms.mariaDb("winback_failures_it", "crm/people-crm-mariadb.sql");
  }

  /** The shipped folder with a MariaDB CRM added by configuration (the embedded store). */
  void hubWithCrm() throws Exception {
    PackagedJar.copyHubFolder(hub);
    Files.copy(
        Path.of("src/test/resources/crm/people-crm.yaml"),
        hub.resolve("config/mappings/people-crm.yaml"));
    Files.writeString(
        hub.resolve("config/application.properties"),
        """

        camel.beans.peopleCrm = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.peopleCrm.jdbcUrl = %s
        camel.beans.peopleCrm.username = root
        """
            .formatted(CRM),
        StandardOpenOption.APPEND);
    Files.writeString(
        hub.resolve("routes/sources/people-crm.camel.yaml"), SyncCommandIT.PEOPLE_CRM_ROUTE);
  }

  void replace(String file, String from, String to) throws Exception {
    Path p = hub.resolve(file);
    String text = Files.readString(p);
    assertThat(text).contains(from);
    Files.writeString(p, text.replace(from, to));
  }

  int line(String file, String text) throws Exception {
    List<String> lines = Files.readAllLines(hub.resolve(file));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text);
  }

  /** The command's whole output is {@code line}, with exit code 1. */
  static void saysInOneLine(PackagedJar.Run run, String line) {
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).doesNotContainPattern(NO_TRACE);
    assertThat(run.output().strip()).isEqualTo(line);
  }

  @Test
  void sync_names_the_route_line_of_a_datasource_bean_that_does_not_exist() throws Exception {
    hubWithCrm();
    replace(
        "routes/sources/people-crm.camel.yaml", "dataSource: peopleCrm", "dataSource: peopleCrn");
    saysInOneLine(
        PackagedJar.run(hub, 90, "sync", "--source", "people-crm"),
        "winback-hub sync: routes/sources/people-crm.camel.yaml:7: source people-crm: no"
            + " DataSource bean named 'peopleCrn' (validate --connect checks every name and file"
            + " the routes give)");
  }

  @Test
  void sync_names_the_route_line_of_a_mapping_file_that_does_not_exist() throws Exception {
    hubWithCrm();
    replace("routes/sources/people-crm.camel.yaml", "people-crm.yaml", "people-cmr.yaml");
    saysInOneLine(
        PackagedJar.run(hub, 90, "sync", "--source", "people-crm"),
        "winback-hub sync: routes/sources/people-crm.camel.yaml:8: mapping"
            + " 'config/mappings/people-cmr.yaml': file not found (validate --connect checks every"
            + " name and file the routes give)");
  }

  @Test
  void sync_names_the_property_line_of_a_url_whose_driver_is_not_here() throws Exception {
    hubWithCrm();
    replace("config/application.properties", "jdbc:mariadb:", "jdbc:mysql:");
    saysInOneLine(
        PackagedJar.run(hub, 90, "sync", "--source", "people-crm"),
        "winback-hub sync: config/application.properties:"
            + line("config/application.properties", "jdbc:mysql:")
            + ": no JDBC driver for 'jdbc:mysql:' on the classpath (drivers here take jdbc:h2:,"
            + " jdbc:mariadb:, jdbc:postgresql:): write jdbc:mariadb:// (the MariaDB driver here"
            + " speaks to MySQL too), or put the MySQL driver's jar in target/lib/");
  }

  @Test
  void sync_names_the_source_of_a_database_that_does_not_exist() throws Exception {
    hubWithCrm();
    replace("config/application.properties", "winback_failures_it", "winback_no_such_crm");
    saysInOneLine(
        PackagedJar.run(hub, 90, "sync", "--source", "people-crm"),
        "winback-hub sync: source people-crm: counting rows to read failed: Unknown database"
            + " 'winback_no_such_crm'");
  }

  @Test
  void a_missing_property_in_a_route_is_its_file_and_line_for_any_command() throws Exception {
    hubWithCrm();
    replace(
        "routes/channels/email-smtp.camel.yaml", "{{hub.outbox.poll-ms}}", "{{hub.outbox.pol-ms}}");
    String line =
        ": routes/channels/email-smtp.camel.yaml:12: route channel-email-smtp: missing property"
            + " 'hub.outbox.pol-ms' (define it in config/application.properties or as env"
            + " HUB_OUTBOX_POL_MS)";
    saysInOneLine(PackagedJar.run(hub, 90, "segment"), "winback-hub segment" + line);

    // the service too: its start-up log, then the one line
    PackagedJar.Run run =
        PackagedJar.run(
            hub,
            Map.of(
                "HUB_HTTP_PORT", String.valueOf(HubPeers.freePort()),
                "HUB_MANAGEMENT_PORT", String.valueOf(HubPeers.freePort())),
            90,
            "run");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).doesNotContainPattern(NO_TRACE);
    assertThat(run.output().strip().lines().reduce((a, b) -> b).orElse(""))
        .isEqualTo("winback-hub run" + line);
  }

  @Test
  void a_yaml_mistake_and_a_bean_property_typo_are_their_file_and_line() throws Exception {
    hubWithCrm();
    replace("routes/sources/people-crm.camel.yaml", "        sourceId:", "      sourceId:");
    saysInOneLine(
        PackagedJar.run(hub, 90, "merges"),
        "winback-hub merges: routes/sources/people-crm.camel.yaml:6: not valid YAML: 'sourceId:'"
            + " starts at column 7, the lines of its block at column 9: indent it like them");

    replace("routes/sources/people-crm.camel.yaml", "      sourceId:", "        sourceId:");
    replace("config/application.properties", "peopleCrm.username", "peopleCrm.usename");
    saysInOneLine(
        PackagedJar.run(hub, 90, "explain", "someone@example.com"),
        "winback-hub explain: config/application.properties:"
            + line("config/application.properties", "usename")
            + ": camel.beans.peopleCrm.usename: no such property on HikariDataSource");
  }

  @Test
  void verbose_adds_the_stack_trace() throws Exception {
    hubWithCrm();
    replace(
        "routes/sources/people-crm.camel.yaml", "dataSource: peopleCrm", "dataSource: peopleCrn");
    PackagedJar.Run run = PackagedJar.run(hub, 90, "sync", "--source", "people-crm", "--verbose");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains("winback-hub sync: routes/sources/people-crm.camel.yaml:7: source people-crm")
        .containsPattern(NO_TRACE);
  }

  @Test
  void sync_of_a_source_that_does_not_exist_answers_at_once_with_the_sources_it_can_run()
      throws Exception {
    hubWithCrm();
    long started = System.nanoTime();
    PackagedJar.Run run = PackagedJar.run(hub, 90, "sync", "--source", "nosuch");
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output().strip())
        .isEqualTo(
            "no route 'source-nosuch' in routes/: the sources sync can run are [people-crm]");
    // the JVM's start and the route files read, no hub started (that took 18 s)
    assertThat(millis).as("milliseconds").isLessThan(5_000);
  }

  @Test
  void a_command_outside_the_hub_folder_says_so_in_one_line() throws Exception {
    for (List<String> command :
        List.of(List.of("validate"), List.of("segment"), List.of("sync", "--source", "x"))) {
      PackagedJar.Run run = PackagedJar.run(hub, 60, command.toArray(String[]::new));
      assertThat(run.exitCode()).as(run.output()).isNotZero();
      assertThat(run.output()).doesNotContainPattern(NO_TRACE);
      assertThat(run.output().strip().lines().count()).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("no config/application.properties in");
    }
  }
}
