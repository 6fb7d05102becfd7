package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.journey.Holdout;
import org.winbackhub.testing.HubPeers;

/**
 * The whole hub, booted from routes/ and config/ against a real SMTP server and a real store,
 * walked through one win-back cycle as a user would see it. Subclasses pick the store.
 */
abstract class HubScenario extends HubAppTest {
  @Test
  @Order(1)
  void takes_in_a_loyalty_export_and_keeps_malformed_rows_with_file_line_and_reason()
      throws Exception {
    dropAndWait("export-1.csv", firstExport());

    assertThat(Files.list(peers().inbox.resolve("done")).map(p -> p.getFileName().toString()))
        .singleElement()
        .asString()
        .endsWith("export-1.csv");
    // C7 and C8 share a phone: one person; C9 and C10 arrive without their refused address and date
    assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(9);
    assertThat(
            query(
                    "SELECT k.first_name, k.email FROM contact k JOIN source_ref r ON r.contact_id"
                        + " = k.id WHERE r.external_id = 'C9'")
                .get(0))
        .containsEntry("first_name", "Hugo")
        .containsEntry("email", null);
    // C2's two rows type the address in two cases: one contact, the address as first typed
    assertThat(query("SELECT email FROM contact WHERE email_key LIKE 'blas%'"))
        .extracting(r -> r.get("email"))
        .containsExactly("BLAS@Example.com");
    assertThat(
            query("SELECT phone FROM contact WHERE email = 'gala@example.com'").get(0).get("phone"))
        .isEqualTo("+34612345678");
    List<Map<String, Object>> rejected =
        query(
            "SELECT location, line_no, record_key, reason, raw FROM rejected_record ORDER BY"
                + " line_no");
    assertThat(rejected)
        .extracting(r -> ((Number) r.get("line_no")).intValue())
        .containsExactly(11, 12, 13);
    assertThat(rejected).extracting(r -> r.get("location")).containsOnly("export-1.csv");
    assertThat(rejected.get(0).get("reason").toString()).startsWith("email:");
    assertThat(rejected.get(0).get("raw")).isEqualTo("h***@example.com");
    assertThat(rejected.get(1).get("reason").toString()).startsWith("occurred_at:");
    assertThat(rejected.get(1).get("raw")).isEqualTo("31/02/2025");
    assertThat(rejected.get(2).get("reason").toString()).contains("expected 11 columns, found 7");
  }

  @Test
  @Order(2)
  void a_cycle_emails_every_winnable_contact_once_and_nobody_else() throws Exception {
    execute(
        "INSERT INTO suppression (channel, address, reason, source, created_at)"
            + " VALUES ('email', 'fede@example.com', 'UNSUBSCRIBED', 'test', CURRENT_TIMESTAMP)");
    runCycle();

    Map<String, String> lifecycle = new HashMap<>();
    for (Map<String, Object> r :
        query(
            "SELECT k.email_key, f.lifecycle FROM contact k JOIN contact_fact f ON f.contact_id ="
                + " k.id")) {
      lifecycle.put(String.valueOf(r.get("email_key")), String.valueOf(r.get("lifecycle")));
    }
    assertThat(lifecycle)
        .containsEntry("ana@example.com", "NEW")
        .containsEntry("blas@example.com", "LAPSED")
        .containsEntry("carla@example.com", "LAPSED")
        .containsEntry("dario@example.com", "DORMANT")
        .containsEntry("eva@example.com", "NEVER_ENGAGED")
        .containsEntry("gala@example.com", "LAPSED");

    Set<String> expected = new TreeSet<>();
    for (String email : List.of("blas@example.com", "dario@example.com", "gala@example.com")) {
      Map<String, Object> k =
          query("SELECT id, email FROM contact WHERE email_key = '" + email + "'").get(0);
      if (!Holdout.isHeldOut("winback-email", ((Number) k.get("id")).longValue(), 0.10)) {
        expected.add((String) k.get("email")); // mailed as typed
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(peers().smtp.waitForIncomingEmail(20_000, expected.size())).isTrue();
    assertThat(recipients()).isEqualTo(expected);
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE status = 'SENT' AND provider_message_id IS NOT NULL",
        expected.size());
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE type = 'email_sent'"))
        .isEqualTo(expected.size());

    MimeMessage first = peers().smtp.getReceivedMessages()[0];
    assertThat(first.getSubject()).contains("te echamos de menos");
    assertThat(Arrays.stream(first.getFrom()).map(Object::toString))
        .anyMatch(f -> f.contains("hola@tienda.example"));
  }

  @Test
  @Order(3)
  void
      a_click_is_recorded_once_moves_the_contact_to_nurture_and_redirects_to_the_configured_target()
          throws Exception {
    MimeMessage message = peers().smtp.getReceivedMessages()[0];
    String link = trackedLink(message);
    String email = message.getAllRecipients()[0].toString();

    HttpResponse<String> click = get(link);
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location"))
        .hasValue("https://shop.example.com/offers/welcome-back");
    assertThat(get(link).statusCode()).isEqualTo(302);

    assertThat(
            count(
                "SELECT COUNT(*) FROM contact_event e JOIN contact k ON k.id = e.contact_id"
                    + " WHERE e.type = 'email_clicked' AND k.email = '"
                    + email
                    + "'"))
        .isEqualTo(1);
    assertThat(
            query(
                    "SELECT n.status FROM enrollment n JOIN contact k ON k.id = n.contact_id WHERE"
                        + " k.email = '"
                        + email
                        + "'")
                .get(0)
                .get("status"))
        .isEqualTo("ENGAGED");

    String forged = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");
    HttpResponse<String> refused = get(forged);
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.headers().firstValue("Location")).isEmpty();
    assertThat(get("http://127.0.0.1:" + peers().httpPort + "/t/c/not-a-token").statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(4)
  void a_purchase_after_the_email_reactivates_the_buyer_and_makes_them_active() throws Exception {
    MimeMessage message = peers().smtp.getReceivedMessages()[0];
    String email = message.getAllRecipients()[0].toString();
    String card =
        String.valueOf(
            query(
                    "SELECT r.external_id FROM source_ref r JOIN contact k ON k.id = r.contact_id"
                        + " WHERE k.email = '"
                        + email
                        + "' ORDER BY r.external_id")
                .get(0)
                .get("external_id"));

    dropAndWait(
        "export-2.csv",
        HEADER
            + "\n"
            + card
            + ",,,"
            + email
            + ",,,T100,purchase,"
            + Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS)
            + ",49.90,EUR\n");
    runCycle();

    assertThat(
            query(
                    "SELECT n.status FROM enrollment n JOIN contact k ON k.id = n.contact_id WHERE"
                        + " k.email = '"
                        + email
                        + "'")
                .get(0)
                .get("status"))
        .isEqualTo("REACTIVATED");
    assertThat(
            query(
                    "SELECT f.lifecycle FROM contact_fact f JOIN contact k ON k.id = f.contact_id"
                        + " WHERE k.email = '"
                        + email
                        + "'")
                .get(0)
                .get("lifecycle"))
        .isEqualTo("ACTIVE");
  }

  @Test
  @Order(5)
  void running_the_cycle_again_sends_nothing_twice() throws Exception {
    int before = peers().smtp.getReceivedMessages().length;
    NotifyBuilder polled =
        new NotifyBuilder(camel).fromRoute("channel-email-smtp").whenDone(3).create();
    runCycle();
    runCycle();
    assertThat(polled.matches(20, TimeUnit.SECONDS)).isTrue();
    assertThat(peers().smtp.getReceivedMessages()).hasSize(before);
    assertThat(count("SELECT COUNT(*) FROM outbox")).isEqualTo(before);
  }

  @Test
  @Order(6)
  void the_same_export_dropped_again_is_not_taken_in_twice() throws Exception {
    long events = count("SELECT COUNT(*) FROM contact_event");
    long rejected = count("SELECT COUNT(*) FROM rejected_record");
    String again =
        Files.readString(
            Files.list(peers().inbox.resolve("done"))
                .filter(p -> p.toString().endsWith("export-1.csv"))
                .findFirst()
                .orElseThrow());
    dropAndWait("export-1-copy.csv", again);
    assertThat(count("SELECT COUNT(*) FROM contact_event")).isEqualTo(events);
    assertThat(count("SELECT COUNT(*) FROM rejected_record")).isEqualTo(rejected);
    assertThat(count("SELECT COUNT(*) FROM source_file")).isEqualTo(2);
  }

  @Test
  @Order(7)
  void a_file_with_an_unexpected_header_is_moved_to_failed_and_nothing_is_loaded()
      throws Exception {
    long contacts = count("SELECT COUNT(*) FROM contact");
    NotifyBuilder failed =
        new NotifyBuilder(camel).fromRoute("source-loyalty-files").whenFailed(1).create();
    drop("wrong-layout.csv", "id;name;mail\n1;Zoe;zoe@example.com\n");
    assertThat(failed.matches(30, TimeUnit.SECONDS)).isTrue();
    Path failedDir = peers().inbox.resolve("failed");
    for (int i = 0;
        i < 50 && !(Files.isDirectory(failedDir) && Files.list(failedDir).findAny().isPresent());
        i++) {
      Thread.sleep(100);
    }
    assertThat(Files.list(failedDir).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.endsWith("wrong-layout.csv"));
    assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(contacts);
  }

  @Test
  @Order(8)
  void health_reports_the_store_and_metrics_count_sent_messages() throws Exception {
    HttpResponse<String> health =
        get("http://127.0.0.1:" + peers().managementPort + "/observe/health?exposureLevel=full");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"status\":\"UP\"")
        .contains("{\"name\":\"store\",\"status\":\"UP\"}");
    String metrics = get("http://127.0.0.1:" + peers().managementPort + "/observe/metrics").body();
    assertThat(metrics)
        .containsPattern(
            "hub_messages_total\\{[^}]*channel=\"email\"[^}]*outcome=\"sent\"[^}]*\\} [1-9]");
  }

  @Test
  @Order(9)
  void explain_tells_an_operator_with_the_admin_token_why_a_contact_is_where_it_is()
      throws Exception {
    runCycle();
    long carla = count("SELECT id FROM contact WHERE email = 'carla@example.com'");
    String url = "http://127.0.0.1:" + peers().httpPort + "/admin/contacts/" + carla + "/explain";
    HttpResponse<String> ok =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + HubPeers.ADMIN_TOKEN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(ok.body())
        .contains("\"lifecycle\":\"LAPSED\"")
        .contains("no purchase, visit or click for over 3 months")
        .contains("\"thresholds\":\"profile retail");

    HttpResponse<String> text =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(url.replace("/" + carla + "/", "/carla@example.com/")))
                .header("Authorization", "Bearer " + HubPeers.ADMIN_TOKEN)
                .header("Accept", "text/plain")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.body()).startsWith("segment:    LAPSED");

    HttpResponse<String> wrong =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer not-the-token-at-all-0000")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("LAPSED");
    assertThat(get(url).statusCode()).as("no token").isEqualTo(401);
  }
}
