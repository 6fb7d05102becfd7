package org.winbackhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sync --source, from the packaged jar, on a hub folder where a CRM was added by configuration. */
class SyncCommandIT {
  @TempDir Path hub;

  @Test
  void syncs_one_source_once_and_ends_with_a_summary_line() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS winback_sync_it");
      s.execute("CREATE DATABASE winback_sync_it CHARACTER SET utf8mb4");
    }
    SqlCrmSourcesIT.script("jdbc:mariadb://127.0.0.1:3306/winback_sync_it", "root", "crm/people-crm-mariadb.sql");
    PackagedJar.copyHubFolder(hub);
    Files.createDirectories(hub.resolve("config/mappings"));
    Files.copy(Path.of("src/test/resources/crm/people-crm.yaml"), hub.resolve("config/mappings/people-crm.yaml"));
    Files.writeString(hub.resolve("config/application.properties"), """

        camel.beans.peopleCrm = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.peopleCrm.jdbcUrl = jdbc:mariadb://127.0.0.1:3306/winback_sync_it
        camel.beans.peopleCrm.username = root
        """, StandardOpenOption.APPEND);
    Files.writeString(hub.resolve("routes/sources/people-crm.camel.yaml"), """
        - route:
            id: source-people-crm
            from:
              uri: "kamelet:crm-jdbc-source"
              parameters:
                sourceId: people-crm
                dataSource: peopleCrm
                mapping: config/mappings/people-crm.yaml
              steps:
                - log: "${body.line}"
        """);

    PackagedJar.Run first = PackagedJar.run(hub, 90, "sync", "--source", "people-crm");
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output().lines().reduce((a, b) -> b).orElse(""))
        .matches("sync people-crm: read 8, new 4, updated 0, merged 0, new events 4, rejected 0, fields refused 1, [0-9.]+ s");

    PackagedJar.Run again = PackagedJar.run(hub, 90, "sync", "--source", "people-crm");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output()).contains("new 0, updated 0, merged 0, new events 0");

    // classify now, and ask why one of them is where they are
    PackagedJar.Run segment = PackagedJar.run(hub, 90, "segment", "--full");
    assertThat(segment.exitCode()).as(segment.output()).isZero();
    assertThat(segment.output()).containsPattern("full run: 4 contacts recomputed, 0 rechecked as time passed, 4 changed segment");
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

    PackagedJar.Run unknown = PackagedJar.run(hub, 90, "sync", "--source", "nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.output()).contains("no route 'source-nope'").contains("people-crm").contains("loyalty-files");
  }

  @Test
  void syncs_a_salesforce_org_once_with_its_secrets_from_the_environment() throws Exception {
    try (SalesforceStub org =
        new SalesforceStub(new SalesforceStub.Credentials("3MVG9-sync", "s3cr3t", "ops@shop.example", "pw+token", null), 2)) {
      java.time.Instant t = java.time.Instant.now().minusSeconds(3600);
      org.put("Contact", SalesforceSourceIT.contact("0035g00000SYNC01AA", "luz@example.com", "Luz", false, t, null));
      org.put("Contact", SalesforceSourceIT.contact("0035g00000SYNC02AA", "mar@example.com", "Mar", true, t.plusSeconds(1), null));
      org.put("Lead", SalesforceSourceIT.lead("00Q5g00000SYNC03AA", "nora@example.com", "Nora", false, t.plusSeconds(2)));
      PackagedJar.copyHubFolder(hub);
      Files.writeString(hub.resolve("config/application.properties"), """

          camel.component.salesforce.login-url = %s
          camel.component.salesforce.client-id = 3MVG9-sync
          camel.component.salesforce.user-name = ops@shop.example
          camel.component.salesforce.client-secret = {{env:SALESFORCE_CLIENT_SECRET}}
          camel.component.salesforce.password = {{env:SALESFORCE_PASSWORD}}
          camel.component.salesforce.lazy-login = true
          hub.salesforce.bulk-poll-ms = 100
          """.formatted(org.url()), StandardOpenOption.APPEND);
      Files.writeString(hub.resolve("routes/sources/salesforce.camel.yaml"), """
          - route:
              id: source-salesforce
              from:
                uri: "kamelet:salesforce-source"
                parameters:
                  sourceId: salesforce
                  mapping: config/mappings/salesforce.yaml
                steps:
                  - log: "${body.line}"
          """);
      java.util.Map<String, String> secrets =
          java.util.Map.of("SALESFORCE_CLIENT_SECRET", "s3cr3t", "SALESFORCE_PASSWORD", "pw+token");

      PackagedJar.Run first = PackagedJar.run(hub, secrets, 90, "sync", "--source", "salesforce");
      assertThat(first.exitCode()).as(first.output()).isZero();
      assertThat(first.output().lines().reduce((a, b) -> b).orElse(""))
          .matches("sync salesforce: read 3, new 3, updated 0, merged 0, new events 0, rejected 0, fields refused 0, [0-9.]+ s");
      assertThat(org.bulkQueries).hasSize(4);
      assertThat(first.output()).doesNotContain("s3cr3t").doesNotContain("pw+token").doesNotContain("luz@example.com");

      PackagedJar.Run again = PackagedJar.run(hub, secrets, 90, "sync", "--source", "salesforce");
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.output()).contains("new 0, updated 0, merged 0, new events 0");
      assertThat(org.bulkQueries).as("the catch-up reads by SOQL from the watermark").hasSize(4);
      assertThat(org.queries).hasSize(1);
      assertThat(org.queryAlls).as("the queries with a delete marker").hasSize(3);
    }
  }
}
