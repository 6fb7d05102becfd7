package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.app.SalesforceSourceIT;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.PackagedJar;
import org.winbackhub.testing.SalesforceStub;
import org.winbackhub.testing.TestCrms;

/** sync --source, from the packaged jar, on a hub folder where a CRM was added by configuration. */
public class SyncCommandIT {
  @TempDir Path hub;

  @Test
  void syncs_one_source_once_and_ends_with_a_summary_line() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS winback_sync_it");
      s.execute("CREATE DATABASE winback_sync_it CHARACTER SET utf8mb4");
    }
    TestCrms.script(
        "jdbc:mariadb://127.0.0.1:3306/winback_sync_it", "root", "crm/people-crm-mariadb.sql");
    PackagedJar.copyHubFolder(hub);
    Files.createDirectories(hub.resolve("config/mappings"));
    Files.copy(
        Path.of("src/test/resources/crm/people-crm.yaml"),
        hub.resolve("config/mappings/people-crm.yaml"));
    Files.writeString(
        hub.resolve("config/application.properties"),
        """

        camel.beans.peopleCrm = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.peopleCrm.jdbcUrl = jdbc:mariadb://127.0.0.1:3306/winback_sync_it
        camel.beans.peopleCrm.username = root
        # one row of eight is rejected (an address that is no address): 12.5 %, allowed for this CRM
        hub.sources.people-crm.max-rejected-share = 20%
        """,
        StandardOpenOption.APPEND);
    Files.writeString(hub.resolve("routes/sources/people-crm.camel.yaml"), PEOPLE_CRM_ROUTE);

    PackagedJar.Run first = PackagedJar.run(hub, 90, "sync", "--source", "people-crm");
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output().lines().reduce((a, b) -> b).orElse(""))
        .matches("  refused 1 email: not a valid address: needs one @ between a name and a domain");
    assertThat(first.output())
        .containsPattern(
            "(?m)^sync people-crm: read 8, new 4, updated 0, merged 0, new events 4, rejected 0,"
                + " fields refused 1, 12\\.5 % of rows refused, [0-9.]+ s$");

    PackagedJar.Run again = PackagedJar.run(hub, 90, "sync", "--source", "people-crm");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).contains("new 0, updated 0, merged 0, new events 0");

    // classify now, and ask why one of them is where they are
    PackagedJar.Run segment = PackagedJar.run(hub, 90, "segment", "--full");
    assertThat(segment.exitCode()).as(segment.output()).isZero();
    assertThat(segment.output())
        .containsPattern(
            "full run: 4 contacts recomputed, 0 rechecked as time passed, 4 changed segment");
    PackagedJar.Run explain = PackagedJar.run(hub, 90, "explain", "rosa.ramos@example.com");
    assertThat(explain.exitCode()).as(explain.output()).isZero();
    assertThat(explain.output())
        .containsPattern("(?m)^segment: +[A-Z_]+ since \\d{4}-\\d\\d-\\d\\d: .+")
        .containsPattern("(?m)^facts: +\\d+ purchases? on \\d+ days?")
        .containsPattern("(?m)^sources: +people-crm \\d+")
        .containsPattern("(?m)^thresholds: +profile retail")
        .containsPattern("(?m)^value: +worth winning back: \\d+/100")
        .contains("history:");
    PackagedJar.Run nobody = PackagedJar.run(hub, 90, "explain", "nobody@example.com");
    assertThat(nobody.exitCode()).isEqualTo(1);
    assertThat(nobody.output()).contains("no classified contact 'nobody@example.com'");

    PackagedJar.Run merges = PackagedJar.run(hub, 90, "merges");
    assertThat(merges.exitCode()).as(merges.output()).isZero();
    assertThat(merges.output()).contains("0 merges");
    PackagedJar.Run undo = PackagedJar.run(hub, 90, "merges", "--undo", "99");
    assertThat(undo.exitCode()).isEqualTo(1);
    assertThat(undo.output()).contains("no merge 99 to undo");

    // an unknown source is refused before the hub starts, naming only the sources sync can run
    PackagedJar.Run unknown = PackagedJar.run(hub, 90, "sync", "--source", "nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.output().strip())
        .isEqualTo("no route 'source-nope' in routes/: the sources sync can run are [people-crm]");
    PackagedJar.Run files = PackagedJar.run(hub, 90, "sync", "--source", "loyalty-files");
    assertThat(files.exitCode()).isEqualTo(2);
    assertThat(files.output().strip())
        .isEqualTo(
            "source loyalty-files is read by a 'file' endpoint, not by a polled source's Kamelet;"
                + " the sources sync can run are [people-crm]");
  }

  @Test
  void a_mapping_that_rejects_most_rows_fails_the_sync_and_a_retry_after_the_fix_takes_them_in()
      throws Exception {
    String crm = "jdbc:mariadb://127.0.0.1:3306/winback_rereads_it";
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS winback_rereads_it");
      s.execute("CREATE DATABASE winback_rereads_it CHARACTER SET utf8mb4");
    }
    TestCrms.script(crm, "root", "crm/people-crm-mariadb.sql");
    TestCrms.execute(
        crm, "root", "UPDATE person_mail SET address = 'vera@example.com' WHERE person_id = 5");
    STORE = TestStores.freshSchema("winback_rereads_it");
    PackagedJar.copyHubFolder(hub);
    Files.createDirectories(hub.resolve("config/mappings"));
    String mapping = Files.readString(Path.of("src/test/resources/crm/people-crm.yaml"));
    Path mappingFile = hub.resolve("config/mappings/people-crm.yaml");
    // a mistake in the mapping: the order date read as the amount
    Files.writeString(mappingFile, mapping.replace("amount: total", "amount: ordered_on"));
    Files.writeString(
        hub.resolve("config/application.properties"),
        """

        camel.beans.peopleCrm = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.peopleCrm.jdbcUrl = jdbc:mariadb://127.0.0.1:3306/winback_rereads_it
        camel.beans.peopleCrm.username = root
        hub.store.url = %s
        hub.store.user = %s
        """
            .formatted(STORE, org.winbackhub.store.TestStores.PG_USER),
        StandardOpenOption.APPEND);
    Files.writeString(hub.resolve("routes/sources/people-crm.camel.yaml"), PEOPLE_CRM_ROUTE);

    PackagedJar.Run broken = PackagedJar.run(hub, 90, "sync", "--source", "people-crm");
    assertThat(broken.exitCode()).as(broken.output()).isEqualTo(3);
    assertThat(broken.output())
        .containsPattern(
            "(?m)^sync people-crm: read 8, new 4, updated 0, merged 0, new events 1, rejected 3,"
                + " fields refused 0, 37\\.5 % of rows refused, [0-9.]+ s$")
        .containsPattern("(?m)^  refused 3 ordered_on: expected a number$")
        .containsPattern(
            "(?m)^sync people-crm: DEGRADED: 3 of 8 new rows refused \\(37\\.5 %, more than 5 %\\):"
                + " 3 ordered_on: expected a number \\(after a fix: sync --retry-rejected\\)$")
        .as("no order date (a value of the rows) in the output")
        .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\d");
    assertThat(store("SELECT COUNT(*) FROM rejected_record WHERE resolved_at IS NULL"))
        .isEqualTo("3");

    // nothing new since: the source stays as that run left it
    PackagedJar.Run unchanged = PackagedJar.run(hub, 90, "sync", "--source", "people-crm");
    assertThat(unchanged.exitCode()).as(unchanged.output()).isEqualTo(3);
    assertThat(unchanged.output())
        .contains("DEGRADED: as run 1 left it, nothing new read since: 3 of 8 new rows refused");

    // the mapping is fixed: a retry reads again the stream that holds the rejections and takes them
    // in
    Files.writeString(mappingFile, mapping);
    PackagedJar.Run retry = PackagedJar.run(hub, 90, "sync", "--retry-rejected");
    assertThat(retry.exitCode()).as(retry.output()).isZero();
    assertThat(retry.output())
        .containsPattern(
            "(?m)^sync people-crm: read 3, new 0, updated 0, merged 0, new events 3, rejected 0,"
                + " fields refused 0, resolved 3, [0-9.]+ s$");
    assertThat(store("SELECT COUNT(*) FROM rejected_record WHERE resolved_at IS NULL"))
        .isEqualTo("0");
    assertThat(
            store(
                "SELECT DISTINCT r.scope FROM rejected_record j JOIN source_run r ON r.id ="
                    + " j.resolved_by"))
        .isEqualTo("retry-rejected");
    assertThat(store("SELECT SUM(amount) FROM contact_event")).isEqualTo("173.70");

    PackagedJar.Run next = PackagedJar.run(hub, 90, "sync", "--source", "people-crm");
    assertThat(next.exitCode()).as(next.output()).isZero();
    assertThat(next.output()).doesNotContain("DEGRADED");

    // a watermark lost, another set back: a full re-read takes nothing twice and ends where they
    // were
    String watermarks =
        store("SELECT source || '=' || watermark FROM source_watermark ORDER BY source");
    store("DELETE FROM source_watermark WHERE source = 'people-crm:contacts'");
    store(
        "UPDATE source_watermark SET watermark = 'local:2000-01-01T00:00' WHERE source ="
            + " 'people-crm:events:purchase:order_no'");
    PackagedJar.Run full = PackagedJar.run(hub, 90, "sync", "--source", "people-crm", "--full");
    assertThat(full.exitCode()).as(full.output()).isZero();
    assertThat(full.output())
        .containsPattern(
            "(?m)^sync people-crm: read 8, new 0, updated 0, merged 0, new events 0, rejected 0,"
                + " fields refused 0, [0-9.]+ s$");
    assertThat(store("SELECT source || '=' || watermark FROM source_watermark ORDER BY source"))
        .isEqualTo(watermarks);
    assertThat(store("SELECT COUNT(*) FROM contact")).isEqualTo("4");
    assertThat(store("SELECT COUNT(*) FROM contact_event")).isEqualTo("4");
  }

  public static String STORE;

  static final String PEOPLE_CRM_ROUTE =
      """
      - route:
          id: source-people-crm
          from:
            uri: "kamelet:winback-crm-jdbc-source"
            parameters:
              sourceId: people-crm
              dataSource: peopleCrm
              mapping: config/mappings/people-crm.yaml
            steps:
              - log: "${body.line}"
      """;

  /**
   * Runs {@code sql} on the hub's store (PostgreSQL): the first column of each row, joined by
   * commas.
   */
  public static String store(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(STORE, TestStores.PG_USER, "");
        Statement s = c.createStatement()) {
      if (!s.execute(sql)) {
        return String.valueOf(s.getUpdateCount());
      }
      StringBuilder out = new StringBuilder();
      try (ResultSet rs = s.getResultSet()) {
        while (rs.next()) {
          out.append(out.length() == 0 ? "" : ",").append(rs.getString(1));
        }
      }
      return out.toString();
    }
  }

  @Test
  void syncs_a_salesforce_org_once_with_its_secrets_from_the_environment() throws Exception {
    try (SalesforceStub org =
        new SalesforceStub(
            new SalesforceStub.Credentials(
                "3MVG9-sync", "s3cr3t", "ops@shop.example", "pw+token", null),
            2)) {
      Instant t = Instant.now().minusSeconds(3600);
      org.put(
          "Contact",
          SalesforceSourceIT.contact(
              "0035g00000SYNC01AA", "luz@example.com", "Luz", false, t, null));
      org.put(
          "Contact",
          SalesforceSourceIT.contact(
              "0035g00000SYNC02AA", "mar@example.com", "Mar", true, t.plusSeconds(1), null));
      org.put(
          "Lead",
          SalesforceSourceIT.lead(
              "00Q5g00000SYNC03AA", "nora@example.com", "Nora", false, t.plusSeconds(2)));
      PackagedJar.copyHubFolder(hub);
      Files.writeString(
          hub.resolve("config/application.properties"),
          """

          camel.component.salesforce.login-url = %s
          camel.component.salesforce.client-id = 3MVG9-sync
          camel.component.salesforce.user-name = ops@shop.example
          camel.component.salesforce.client-secret = {{env:SALESFORCE_CLIENT_SECRET}}
          camel.component.salesforce.password = {{env:SALESFORCE_PASSWORD}}
          camel.component.salesforce.lazy-login = true
          hub.salesforce.bulk-poll-ms = 100
          """
              .formatted(org.url()),
          StandardOpenOption.APPEND);
      Files.writeString(
          hub.resolve("routes/sources/salesforce.camel.yaml"),
          """
          - route:
              id: source-salesforce
              from:
                uri: "kamelet:winback-salesforce-source"
                parameters:
                  sourceId: salesforce
                  mapping: config/mappings/salesforce.yaml
                steps:
                  - log: "${body.line}"
          """);
      Map<String, String> secrets =
          Map.of("SALESFORCE_CLIENT_SECRET", "s3cr3t", "SALESFORCE_PASSWORD", "pw+token");

      PackagedJar.Run first = PackagedJar.run(hub, secrets, 90, "sync", "--source", "salesforce");
      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.output().lines().reduce((a, b) -> b).orElse(""))
          .matches(
              "sync salesforce: read 3, new 3, updated 0, merged 0, new events 0, rejected 0,"
                  + " fields refused 0, [0-9.]+ s");
      assertThat(org.bulkQueries).hasSize(4);
      assertThat(first.output())
          .doesNotContain("s3cr3t")
          .doesNotContain("pw+token")
          .doesNotContain("luz@example.com");

      PackagedJar.Run again = PackagedJar.run(hub, secrets, 90, "sync", "--source", "salesforce");
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.output()).contains("new 0, updated 0, merged 0, new events 0");
      assertThat(org.bulkQueries).as("the catch-up reads by SOQL from the watermark").hasSize(4);
      assertThat(org.queries).hasSize(1);
      assertThat(org.queryAlls).as("the queries with a delete marker").hasSize(3);

      PackagedJar.Run full =
          PackagedJar.run(hub, secrets, 90, "sync", "--source", "salesforce", "--full");
      assertThat(full.exitCode()).as(full.output()).isZero();
      assertThat(full.output())
          .containsPattern(
              "(?m)^sync salesforce: read 3, new 0, updated 0, merged 0, new events 0, rejected 0,"
                  + " fields refused 0, [0-9.]+ s$");
      assertThat(org.bulkQueries)
          .as("every stream read again from its beginning, as a bulk job")
          .hasSize(8);
    }
  }
}
