package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Loyalty files with broken lines, dropped into the running hub's inbox: one bad line costs that
 * line only; an empty file is noted and moved to done/; a file whose every line fails is moved to
 * failed/ and the source shows DEGRADED in health until a file loads again.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {"hub.loyalty.poll-ms=200"})
class LoyaltyFilesIT extends HubAppTest {

  static String line(String card, String first, String day) {
    return card
        + ","
        + first
        + ",Apellido,"
        + card.toLowerCase()
        + "@example.com,,no,T"
        + card
        + ",purchase,"
        + day
        + ",20.00,EUR";
  }

  /**
   * The files in a folder of the inbox, once every file dropped has left the inbox (the move
   * follows the exchange).
   */
  List<String> files(String folder) throws Exception {
    Path dir = peers.inbox.resolve(folder);
    for (int i = 0; i < 100 && (!Files.isDirectory(dir) || inboxHasFiles()); i++) {
      Thread.sleep(100);
    }
    try (var list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }

  boolean inboxHasFiles() throws Exception {
    try (var list = Files.list(peers.inbox)) {
      return list.anyMatch(Files::isRegularFile);
    }
  }

  String loyaltyCheck() throws Exception {
    String body = health();
    int at = body.indexOf("\"source:loyalty\"");
    return at < 0 ? "" : body.substring(at, body.indexOf('}', at));
  }

  @Test
  @Order(1)
  void
      a_file_with_broken_lines_among_good_ones_loads_every_good_one_and_rejects_each_broken_line_with_its_line()
          throws Exception {
    String crlf =
        String.join(
                "\r\n",
                HEADER,
                line("L1", "Ana", "2025-06-01"),
                "L2,\"Blas,Apellido,l2@example.com,,no,TL2,purchase,2025-06-01,20.00,EUR", // a
                // quote
                // never
                // closed
                line("L3", "Carla", "2025-06-02"),
                "L4,Dario,Apellido,l4@example.com,no,TL4,purchase", // 7 columns
                line("L5", "\"Eva\r\nMaría\"", "2025-06-03"), // a name quoted over two lines
                line("L6", "N".repeat(300), "2025-06-04"), // too long for its column
                "L7," + "x".repeat(20_000) + ",visit,2025-06-05", // an absurd line
                line("L8", "\"Gil, Gala\"", "2025-06-06"),
                line("L9", "Hugo", "2025-06-07"))
            + "\r\n";
    dropAndWait("mixed.csv", crlf);

    assertThat(files("done")).singleElement().asString().endsWith("mixed.csv");
    List<Object> loaded =
        query("SELECT external_id FROM source_ref WHERE source = 'loyalty' ORDER BY external_id")
            .stream()
            .map(r -> r.get("external_id"))
            .toList();
    assertThat(loaded).contains("L1", "L3", "L5", "L8", "L9").doesNotContain("L2", "L4", "L7");
    assertThat(
            query("SELECT first_name FROM contact WHERE email = 'l5@example.com'")
                .get(0)
                .get("first_name"))
        .isEqualTo("Eva\nMaría");
    assertThat(
            query("SELECT first_name FROM contact WHERE email = 'l8@example.com'")
                .get(0)
                .get("first_name"))
        .isEqualTo("Gil, Gala");

    List<Map<String, Object>> rejected =
        query(
            "SELECT line_no, record_key, reason FROM rejected_record WHERE location = 'mixed.csv'"
                + " ORDER BY line_no");
    assertThat(rejected)
        .extracting(r -> r.get("line_no") + " " + r.get("reason"))
        .contains(
            "3 row: the quote opened in column 2 (first_name) is not closed on its line"
                + " (the quote on line 6 that would close it is followed by text)",
            "5 row: expected 11 columns, found 7",
            "9 row: line longer than 10000 characters; not read");
    // the too-long name is a field error: the card holder arrives without it, the line counts as
    // loaded
    assertThat(loaded).contains("L6");
    assertThat(
            query(
                "SELECT field, record_kept FROM rejected_record WHERE location = 'mixed.csv' AND"
                    + " line_no = 8"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("field")).isEqualTo("first_name");
              assertThat(r.get("record_kept")).isEqualTo(true);
            });
    assertThat(
            query(
                    "SELECT status, lines_read, loaded, rejected FROM source_file WHERE file_name ="
                        + " 'mixed.csv'")
                .get(0))
        .containsEntry("status", "DONE")
        .containsEntry("lines_read", 9L)
        .containsEntry("loaded", 6L)
        .containsEntry("rejected", 3L);
    assertThat(loyaltyCheck()).contains("\"status\":\"UP\"").doesNotContain("DEGRADED");
  }

  @Test
  @Order(2)
  void an_empty_file_is_moved_to_done_with_a_note() throws Exception {
    dropAndWait("empty.csv", "");
    dropAndWait("header-only.csv", HEADER + "\n");

    assertThat(files("done"))
        .anyMatch(n -> n.endsWith("-empty.csv"))
        .anyMatch(n -> n.endsWith("-header-only.csv"));
    assertThat(
            query(
                "SELECT file_name, status, note FROM source_file WHERE status = 'EMPTY' ORDER BY"
                    + " file_name"))
        .extracting(r -> r.get("file_name") + " " + r.get("status") + " " + r.get("note"))
        .containsExactly(
            "empty.csv EMPTY empty file", "header-only.csv EMPTY header only, no data lines");
    assertThat(Files.list(peers.inbox).filter(Files::isRegularFile)).isEmpty();
  }

  @Test
  @Order(3)
  void
      a_file_whose_every_line_fails_is_moved_to_failed_and_the_source_is_degraded_until_a_file_loads()
          throws Exception {
    NotifyBuilder failed =
        new NotifyBuilder(camel).fromRoute("source-loyalty-files").whenFailed(1).create();
    drop("semicolons.csv", HEADER + "\nM1;Ana;Alba\nM2;Blas;Bravo\n");
    assertThat(failed.matches(30, TimeUnit.SECONDS)).isTrue();

    assertThat(files("failed")).singleElement().asString().endsWith("semicolons.csv");
    assertThat(
            query(
                    "SELECT status, lines_read, loaded, rejected, note FROM source_file WHERE"
                        + " file_name = 'semicolons.csv'")
                .get(0))
        .containsEntry("status", "FAILED")
        .containsEntry("loaded", 0L)
        .containsEntry("rejected", 2L)
        .containsEntry(
            "note", "all 2 lines were rejected; first line 2: row: expected 11 columns, found 1");
    assertThat(count("SELECT COUNT(*) FROM rejected_record WHERE location = 'semicolons.csv'"))
        .isEqualTo(3);

    String check = loyaltyCheck();
    assertThat(check)
        .contains("\"status\":\"UP\"")
        .contains(
            "DEGRADED: file semicolons.csv moved to the failed folder: all 2 lines were rejected");
    assertThat(get("http://127.0.0.1:" + peers.managementPort + "/observe/health").statusCode())
        .as("a bad file does not take the hub out of service")
        .isEqualTo(200);
    assertThat(get("http://127.0.0.1:" + peers.managementPort + "/observe/metrics").body())
        .containsPattern("hub_source_degraded\\{[^}]*source=\"loyalty\"[^}]*\\} 1");

    // an empty file does not clear it; a file that loads does
    dropAndWait("empty-again.csv", "");
    assertThat(loyaltyCheck()).contains("DEGRADED");
    dropAndWait("fixed.csv", HEADER + "\n" + line("M1", "Ana", "2025-06-08") + "\n");
    assertThat(loyaltyCheck()).contains("\"status\":\"UP\"").doesNotContain("DEGRADED");
    assertThat(get("http://127.0.0.1:" + peers.managementPort + "/observe/metrics").body())
        .containsPattern("hub_source_degraded\\{[^}]*source=\"loyalty\"[^}]*\\} 0");
  }
}
