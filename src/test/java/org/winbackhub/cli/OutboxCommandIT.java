package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.store.Migrations;
import org.winbackhub.store.StoreUrl;
import org.winbackhub.testing.PackagedJar;

/**
 * outbox uncertain / resolve, from the packaged jar, on a store left with messages that may have
 * gone.
 */
class OutboxCommandIT {
  @TempDir Path hub;

  @Test
  void an_operator_lists_the_uncertain_messages_and_resolves_each_with_who_and_when()
      throws Exception {
    PackagedJar.copyHubFolder(hub);
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl(
          StoreUrl.durable(
              "jdbc:h2:file:"
                  + hub.resolve("data/hub")
                  + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"));
      ds.setUsername("sa");
      Migrations.migrate(ds);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        String[] people = {
          "ana@example.com", "blas@example.com", "carla@example.com", "dario@example.com"
        };
        String[] status = {"UNCERTAIN", "UNCERTAIN", "UNCERTAIN", "SENT"};
        for (int i = 0; i < people.length; i++) {
          s.executeUpdate(
              "INSERT INTO contact (id, email, first_name, email_consent, created_at, updated_at)"
                  + " VALUES ("
                  + (i + 1)
                  + ", '"
                  + people[i]
                  + "', 'X', 'GRANTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
          s.executeUpdate(
              "INSERT INTO outbox (id, idempotency_key, contact_id, journey_id, step_id, channel,"
                  + " recipient, template, subject, status, attempts, not_before, created_at,"
                  + " status_at, claimed_by, last_error) VALUES ("
                  + (i + 1)
                  + ", 'k"
                  + i
                  + "', "
                  + (i + 1)
                  + ", 'winback-email', 'we-miss-you', 'email', '"
                  + people[i]
                  + "', 'email/we-miss-you', 'Hola', '"
                  + status[i]
                  + "', 1, TIMESTAMP WITH TIME ZONE '2026-11-02 10:00:00+00', TIMESTAMP WITH TIME"
                  + " ZONE '2026-11-02 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-02"
                  + " 10:05:00+00', '77@old', 'maybe sent: its sender 77@old died while sending"
                  + " it')");
        }
      }
    }

    PackagedJar.Run listed = PackagedJar.run(hub, 90, "outbox", "uncertain");
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    assertThat(listed.output())
        .containsPattern(
            "(?m)^1 +winback-email/we-miss-you +a\\*\\*\\*@example.com +2026-11-02 10:05:00"
                + " +maybe sent: its sender 77@old died while sending it$")
        .contains("3 uncertain")
        .doesNotContain("ana@example.com", "dario");

    PackagedJar.Run resend =
        PackagedJar.run(hub, 90, "outbox", "resolve", "1", "--resend", "--by", "ana.ops");
    assertThat(resend.exitCode()).as(resend.output()).isZero();
    assertThat(resend.output()).contains("outbox 1: RESEND by ana.ops, now PENDING");

    PackagedJar.Run sent = PackagedJar.run(hub, 90, "outbox", "resolve", "2", "4", "--mark-sent");
    assertThat(sent.exitCode()).as("one of them was not UNCERTAIN").isEqualTo(1);
    assertThat(sent.output())
        .contains("outbox 2: MARK_SENT by " + System.getProperty("user.name") + ", now SENT")
        .contains("outbox message 4 is SENT, not UNCERTAIN: left as it is");

    PackagedJar.Run drop =
        PackagedJar.run(hub, 90, "outbox", "resolve", "3", "--drop", "--by", "bea.ops");
    assertThat(drop.exitCode()).as(drop.output()).isZero();

    PackagedJar.Run resolved = PackagedJar.run(hub, 90, "outbox", "uncertain", "--resolved");
    assertThat(resolved.exitCode()).as(resolved.output()).isZero();
    assertThat(resolved.output())
        .containsPattern(
            "(?m)^3 +winback-email/we-miss-you +c\\*\\*\\*@example.com +DROP +bea.ops"
                + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +DROPPED +maybe sent: its sender"
                + " 77@old died")
        .containsPattern("(?m)^2 +.+ MARK_SENT +" + System.getProperty("user.name") + " +.+ SENT ")
        .containsPattern("(?m)^1 +.+ RESEND +ana.ops +.+ PENDING ")
        .contains("3 resolved");
  }
}
