package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.PackagedJar;
import org.winbackhub.testing.TestCrms;

/**
 * validate --connect, from the packaged jar, on a hub folder with two SQL sources added by
 * configuration: a MariaDB CRM and a PostgreSQL CRM, and the store on PostgreSQL. Each mistake a
 * new user made is one line with its file and line.
 */
class ValidateConnectIT {
  static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/winback_validate_it";
  static String postgresCrm;
  static String postgresStore;

  @TempDir Path hub;

  @BeforeAll
  static void crms() throws Exception {
    TestCrms.mariaDb("winback_validate_it", "crm/people-crm-mariadb.sql");
    postgresCrm = TestStores.freshSchema("winback_validate_crm");
    TestCrms.script(postgresCrm, TestStores.PG_USER, "crm/accounts-crm-postgres.sql");
    postgresStore = TestStores.freshSchema("winback_validate_store");
  }

  /**
   * The shipped folder with both CRMs: beans, mappings and routes as docs/CONFIGURATION.md says.
   */
  void hubWithTwoCrms() throws Exception {
    PackagedJar.copyHubFolder(hub);
    for (String crm : List.of("people-crm", "accounts-crm")) {
      Files.copy(
          Path.of("src/test/resources/crm/" + crm + ".yaml"),
          hub.resolve("config/mappings/" + crm + ".yaml"));
    }
    Files.writeString(
        hub.resolve("config/application.properties"),
        """

        hub.store.url = %s
        hub.store.user = %s
        camel.beans.peopleCrm = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.peopleCrm.jdbcUrl = %s
        camel.beans.peopleCrm.username = root
        camel.beans.accountsCrm = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.accountsCrm.jdbcUrl = %s
        camel.beans.accountsCrm.username = %s
        """
            .formatted(postgresStore, TestStores.PG_USER, MARIADB, postgresCrm, TestStores.PG_USER),
        StandardOpenOption.APPEND);
    Files.writeString(
        hub.resolve("routes/sources/people-crm.camel.yaml"), route("people-crm", "peopleCrm"));
    Files.writeString(
        hub.resolve("routes/sources/accounts-crm.camel.yaml"),
        route("accounts-crm", "accountsCrm"));
  }

  static String route(String source, String dataSource) {
    return """
    - route:
        id: source-%1$s
        routeConfigurationId: hub-sources
        from:
          uri: "kamelet:winback-crm-jdbc-source"
          parameters:
            sourceId: %1$s
            dataSource: %2$s
            mapping: config/mappings/%1$s.yaml
          steps:
            - log: "${body.line}"
    """
        .formatted(source, dataSource);
  }

  void replace(String file, String from, String to) throws Exception {
    Path p = hub.resolve(file);
    String text = Files.readString(p);
    assertThat(text).contains(from);
    Files.writeString(p, text.replace(from, to));
  }

  /** The line of the properties file where {@code text} is. */
  int propertyLine(String text) throws Exception {
    List<String> lines = Files.readAllLines(hub.resolve("config/application.properties"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text);
  }

  @Test
  void two_crms_and_a_postgresql_store_that_all_answer_are_ok() throws Exception {
    hubWithTwoCrms();
    PackagedJar.Run run = PackagedJar.run(hub, 90, "validate", "--connect");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().strip())
        .isEqualTo(
            "OK: 15 route files (17 routes), policy, 8 journeys, 17 templates; every DataSource"
                + " opened and every SQL source's queries ran");
  }

  @Test
  void the_mistakes_a_new_user_made_are_one_line_each_with_file_and_line() throws Exception {
    hubWithTwoCrms();
    // a DataSource bean name typo in a route
    replace(
        "routes/sources/people-crm.camel.yaml", "dataSource: peopleCrm", "dataSource: peopleCrn");
    // a mapping file path typo
    replace(
        "routes/sources/accounts-crm.camel.yaml",
        "mapping: config/mappings/accounts-crm.yaml",
        "mapping: config/mappings/acounts-crm.yaml");
    // a JDBC URL to a database that does not exist, and one whose driver is not here
    Files.writeString(
        hub.resolve("config/application.properties"),
        """
        camel.beans.oldCrm = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.oldCrm.jdbcUrl = jdbc:mariadb://127.0.0.1:3306/winback_no_such_crm
        camel.beans.oldCrm.username = root
        camel.beans.shopDb = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.shopDb.jdbcUrl = jdbc:mysql://127.0.0.1:3306/winback_validate_it
        camel.beans.shopDb.username = root
        """,
        StandardOpenOption.APPEND);
    // an indentation mistake: the parser stops on the line after it
    replace(
        "routes/channels/email-smtp.camel.yaml",
        "      uri: \"timer:email-outbox\"",
        "    uri: \"timer:email-outbox\"");
    int uriLine = lineOf("routes/channels/email-smtp.camel.yaml", "    uri: \"timer:");

    PackagedJar.Run run = PackagedJar.run(hub, 90, "validate", "--connect");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output().lines().toList())
        .containsExactly(
            "config/application.properties:"
                + propertyLine("winback_no_such_crm")
                + ": camel.beans.oldCrm: cannot connect to"
                + " jdbc:mariadb://127.0.0.1:3306/winback_no_such_crm: Unknown database"
                + " 'winback_no_such_crm'; check the host, port and database name in"
                + " camel.beans.oldCrm.jdbcUrl, and its username and password",
            "config/application.properties:"
                + propertyLine("jdbc:mysql:")
                + ": camel.beans.shopDb: no JDBC driver for 'jdbc:mysql:' on the classpath"
                + " (drivers here take jdbc:h2:, jdbc:mariadb:, jdbc:postgresql:): write"
                + " jdbc:mariadb:// (the MariaDB driver here speaks to MySQL too), or put the"
                + " MySQL driver's jar in target/lib/",
            "routes/channels/email-smtp.camel.yaml:"
                + uriLine
                + ": not valid YAML: 'uri:' starts at column 5, the lines of its block at column"
                + " 7: indent it like them",
            "routes/sources/accounts-crm.camel.yaml:9: mapping 'config/mappings/acounts-crm.yaml':"
                + " no such file; did you mean 'config/mappings/accounts-crm.yaml'? (mappings:"
                + " config/mappings/accounts-crm.yaml, config/mappings/people-crm.yaml,"
                + " config/mappings/salesforce.yaml). The path is relative to the hub's folder",
            "routes/sources/people-crm.camel.yaml:8: dataSource 'peopleCrn': no DataSource bean"
                + " of that name; did you mean 'peopleCrm'? (DataSource beans: accountsCrm,"
                + " oldCrm, peopleCrm, shopDb). Fix the name, or declare camel.beans.peopleCrn in"
                + " config/application.properties",
            "5 problems found");
  }

  @Test
  void a_query_or_a_column_the_database_does_not_have_is_told_in_the_mapping() throws Exception {
    hubWithTwoCrms();
    replace("config/mappings/people-crm.yaml", "FROM sales_orders", "FROM sale_orders");
    replace("config/mappings/accounts-crm.yaml", "changed: modified", "changed: modifed");

    PackagedJar.Run run = PackagedJar.run(hub, 90, "validate", "--connect");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .containsPattern(
            "(?m)^config/mappings/people-crm.yaml:16: events\\[0\\]\\.query fails on peopleCrm:"
                + " .*sale_orders.* doesn't exist \\(run with LIMIT 0; fix the query\\)$")
        .containsPattern(
            "(?m)^config/mappings/accounts-crm.yaml:10: contacts.changed: the query returns no"
                + " column 'modifed' \\(it returns contact_id, email_address, phone_number,"
                + " name_first, name_last, do_not_email, modified\\)$");
  }

  @Test
  void a_store_on_a_database_that_does_not_exist_is_told_by_its_key() throws Exception {
    hubWithTwoCrms();
    replace(
        "config/application.properties",
        "hub.store.url = " + postgresStore,
        "hub.store.url = jdbc:postgresql://127.0.0.1:5432/winback_no_such_store");

    PackagedJar.Run run = PackagedJar.run(hub, 90, "validate", "--connect");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "config/application.properties:"
                + propertyLine("winback_no_such_store")
                + ": hub.store.url: cannot connect to"
                + " jdbc:postgresql://127.0.0.1:5432/winback_no_such_store: FATAL: database"
                + " \"winback_no_such_store\" does not exist; check hub.store.url, hub.store.user"
                + " and hub.store.password")
        .contains("1 problem found");
  }

  @Test
  void without_connect_validate_stays_offline_and_a_bean_typo_passes() throws Exception {
    hubWithTwoCrms();
    replace(
        "routes/sources/people-crm.camel.yaml", "dataSource: peopleCrm", "dataSource: peopleCrn");
    replace("config/application.properties", MARIADB, "jdbc:mysql://127.0.0.1:3306/nowhere");

    PackagedJar.Run run = PackagedJar.run(hub, 90, "validate");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().strip())
        .isEqualTo("OK: 15 route files (17 routes), policy, 8 journeys, 17 templates");
  }

  @Test
  void outside_the_hub_folder_it_says_so_in_one_line() throws Exception {
    PackagedJar.Run run = PackagedJar.run(hub, 60, "validate", "--connect");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output().strip())
        .isEqualTo(
            "winback-hub validate: no config/application.properties in "
                + hub.toRealPath()
                + ": run validate in the hub's folder, or give it with --dir");
  }

  int lineOf(String file, String text) throws Exception {
    List<String> lines = Files.readAllLines(hub.resolve(file));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text);
  }
}
