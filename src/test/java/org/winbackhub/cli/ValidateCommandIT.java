package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.testing.PackagedJar;

/** validate, run from the packaged jar on a copy of the shipped configuration. */
class ValidateCommandIT {
  @TempDir Path hub;

  void copyShippedConfig() throws IOException {
    PackagedJar.copyHubFolder(hub);
  }

  void replace(String file, String from, String to) throws IOException {
    Path p = hub.resolve(file);
    String text = Files.readString(p);
    assertThat(text).contains(from);
    Files.writeString(p, text.replace(from, to));
  }

  @Test
  void the_shipped_configuration_is_valid() throws Exception {
    copyShippedConfig();
    PackagedJar.Run run = PackagedJar.run(hub, 60, "validate");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("OK:");
  }

  @Test
  void names_the_file_and_line_of_each_mistake_and_exits_non_zero() throws Exception {
    copyShippedConfig();
    replace(
        "routes/pipeline/cycle.camel.yaml",
        "        - log:\n            message: \"segmented",
        "        - lgo:\n            message: \"segmented");
    replace(
        "routes/channels/email-smtp.camel.yaml",
        "period: \"{{hub.outbox.poll-ms}}\"",
        "period: \"{{hub.outbox.pol-ms}}\"");
    replace("routes/sources/loyalty-files.camel.yaml", "readLock: changed", "readLok: changed");
    replace("config/policies.yaml", "dormant: P12M", "dormant: twelve months");
    replace("config/journeys/winback-email.yaml", "holdout: 10%", "holdot: 10%");
    replace(
        "config/mappings/salesforce.yaml",
        "    email_opt_out: HasOptedOutOfEmail\nleads:",
        "    email_optout: HasOptedOutOfEmail\nleads:");
    // a delete marker whose query filters the deleted rows out
    Files.writeString(
        hub.resolve("config/mappings/legacy-crm.yaml"),
        """
        contacts:
          query: >
            SELECT id, email, deleted_at, updated_at FROM people
            WHERE deleted_at IS NULL AND updated_at >= :watermark ORDER BY updated_at
          key: id
          changed: updated_at
          fields: {email: email}
          deleted: {column: deleted_at}
        """);

    PackagedJar.Run run = PackagedJar.run(hub, 60, "validate");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains("routes/pipeline/cycle.camel.yaml:23: Unknown node id: lgo")
        .contains("routes/channels/email-smtp.camel.yaml:12: missing property 'hub.outbox.pol-ms'")
        .containsPattern(
            "routes/sources/loyalty-files.camel.yaml:\\d+: endpoint 'file:.*Unknown"
                + " parameters=\\[\\{readLok=changed}]")
        .containsPattern(
            "config/policies.yaml:15: 'tiers.dormant': expected an ISO-8601 duration.*'twelve"
                + " months'")
        .contains("config/journeys/winback-email.yaml:9: unknown key 'holdot'")
        .contains(
            "config/mappings/salesforce.yaml:23: 'contacts': contacts.consent: unknown field"
                + " 'email_optout'; expected [email_opt_out, sms_opt_out]")
        .contains(
            "config/mappings/legacy-crm.yaml:2: 'contacts': contacts.query: filters on its delete"
                + " marker 'deleted_at' (deleted_at is null ...); with deleted: the query must"
                + " return deleted rows too")
        .contains("7 problems found");
  }
}
