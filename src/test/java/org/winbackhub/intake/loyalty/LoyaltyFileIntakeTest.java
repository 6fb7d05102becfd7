package org.winbackhub.intake.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.PhoneNormalizer;
import org.winbackhub.intake.TestIntakes;
import org.winbackhub.store.Database;
import org.winbackhub.store.SourceFileRepository;
import org.winbackhub.store.TestStores;

/** Loyalty files of other layouts, read into a real (H2) store. */
class LoyaltyFileIntakeTest {
  @TempDir Path dir;
  HikariDataSource ds;
  Database db;

  @BeforeEach
  void store() {
    ds = TestStores.h2();
    db = new Database(ds);
  }

  @AfterEach
  void close() {
    ds.close();
  }

  LoyaltyFileIntake intake(LoyaltyFileFormat format) {
    ContactIntake contacts = TestIntakes.on(db);
    return new LoyaltyFileIntake(
        format,
        FieldRules.defaults(
            new PhoneNormalizer("ES"), ZoneId.of("Europe/Madrid"), Clock.systemUTC()),
        contacts,
        new SourceFileRepository(db),
        db,
        Clock.systemUTC());
  }

  @Test
  void reads_a_latin1_semicolon_file_without_header_and_takes_each_content_once() throws Exception {
    LoyaltyFileFormat format =
        new LoyaltyFileFormat(
            "tpv",
            List.of("card_id", "first_name", "last_name", "type", "occurred_at", "amount"),
            ';',
            StandardCharsets.ISO_8859_1,
            false,
            ZoneId.of("Europe/Madrid"),
            "EUR");
    Path file = dir.resolve("tpv-2025-06.txt");
    Files.writeString(
        file,
        "T1;Begoña;Muñoz;purchase;2025-06-01 10:00;12,50\n"
            + "T2;Iñaki;Ibáñez;visit;2025-06-02;\n"
            + "T3;Ana;Sin Fecha;visit;;\n",
        StandardCharsets.ISO_8859_1);

    LoyaltyFileIntake.FileReport report = intake(format).process(file.toFile());
    assertThat(report.line())
        .isEqualTo(
            "loyalty file tpv-2025-06.txt: 3 lines, 2 loaded, 1 rejected, 3 new contacts, 0"
                + " updated, 0 merged, 2 new events");
    try (var c = ds.getConnection();
        var s = c.createStatement()) {
      var rs =
          s.executeQuery("SELECT first_name, last_name FROM contact WHERE last_name = 'Muñoz'");
      rs.next();
      assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("Begoña Muñoz");
      rs = s.executeQuery("SELECT amount FROM contact_event WHERE type = 'purchase'");
      rs.next();
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("12.50");
      rs = s.executeQuery("SELECT line_no, record_key, reason FROM rejected_record");
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(3);
      assertThat(rs.getString(2)).isEqualTo("T3");
      assertThat(rs.getString(3)).startsWith("occurred_at: missing");
    }

    Path copy = Files.copy(file, dir.resolve("tpv-2025-06-resent.txt"));
    assertThat(intake(format).process(copy.toFile()).duplicate()).isTrue();
  }

  @Test
  void a_file_in_another_charset_than_configured_fails_whole_naming_the_file() throws Exception {
    LoyaltyFileFormat utf8 =
        new LoyaltyFileFormat(
            "tpv",
            List.of("card_id", "first_name", "type", "occurred_at"),
            ';',
            StandardCharsets.UTF_8,
            false,
            ZoneId.of("Europe/Madrid"),
            "EUR");
    Path file = dir.resolve("latin1.txt");
    Files.writeString(file, "T1;Begoña;visit;2025-06-01\n", StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> intake(utf8).process(file.toFile()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latin1.txt")
        .hasMessageContaining("UTF-8");
  }

  static final LoyaltyFileFormat CARDS =
      new LoyaltyFileFormat(
          "cards",
          List.of("card_id", "email", "type", "occurred_at"),
          ',',
          StandardCharsets.UTF_8,
          true,
          ZoneId.of("Europe/Madrid"),
          "EUR");

  @Test
  void a_file_saved_with_a_utf8_byte_order_mark_is_taken_in() throws Exception {
    Path file = dir.resolve("from-excel.csv");
    Files.writeString(
        file,
        "\uFEFFcard_id,email,type,occurred_at\nK1,ana@example.com,visit,2025-06-01\n",
        StandardCharsets.UTF_8);

    LoyaltyFileIntake.FileReport report = intake(CARDS).process(file.toFile());
    assertThat(report.loaded()).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM contact WHERE email = 'ana@example.com'")).isEqualTo(1);
  }

  @Test
  void
      a_file_that_fails_part_way_is_recorded_failed_with_its_counts_and_a_redrop_keeps_each_rejection_once()
          throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder text = new StringBuilder("card_id,email,type,occurred_at\n");
    for (int i = 1; i <= 1200; i++) {
      text.append("K")
          .append(i)
          .append(',')
          .append("k" + i + "@example.com")
          .append(i == 5 ? ",visit,yesterday\n" : ",visit,2025-06-01\n");
    }
    bytes.write(text.toString().getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {'K', 'X', ',', (byte) 0xFF, ',', 'v', '\n'}); // line 1202: not UTF-8
    bytes.write("K9999,k9999@example.com,visit,2025-06-01\n".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("export.csv");
    Files.write(file, bytes.toByteArray());

    assertThatThrownBy(() -> intake(CARDS).process(file.toFile()))
        .hasMessageContaining("export.csv");
    // the first batch of 1,000 rows (one of them rejected) was committed before the failure
    try (var c = ds.getConnection();
        var s = c.createStatement()) {
      var rs =
          s.executeQuery("SELECT file_name, status, lines_read, loaded, rejected FROM source_file");
      assertThat(rs.next()).as("the failed file is recorded").isTrue();
      assertThat(rs.getString(1)).isEqualTo("export.csv");
      assertThat(rs.getString(2)).isEqualTo("FAILED");
      assertThat(rs.getLong(3)).isGreaterThanOrEqualTo(1000);
      assertThat(rs.getLong(4))
          .as("a batch is 1,000 records and rejections: K5's line brings one of each")
          .isEqualTo(998);
      assertThat(rs.getLong(5)).isEqualTo(1);
    }
    assertThat(count("SELECT COUNT(*) FROM contact"))
        .as("K5 arrives without its visit")
        .isEqualTo(999);
    assertThat(
            count("SELECT COUNT(*) FROM rejected_record WHERE line_no = 6 AND record_key = 'K5'"))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM rejected_record WHERE location = 'export.csv' AND line_no IS"
                    + " NULL AND reason LIKE '%not UTF-8%'"))
        .as("the file-level reason")
        .isEqualTo(1);

    // dropped again, the same content is tried again (not skipped as taken in) and adds no copies
    Path again =
        Files.copy(
            file,
            Files.createDirectories(dir.resolve("again")).resolve("export.csv"),
            StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> intake(CARDS).process(again.toFile()))
        .hasMessageContaining("export.csv");
    assertThat(count("SELECT COUNT(*) FROM rejected_record")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM source_file")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(999);
  }

  static final LoyaltyFileFormat NAMED =
      new LoyaltyFileFormat(
          "cards",
          List.of("card_id", "first_name", "type", "occurred_at"),
          ',',
          StandardCharsets.UTF_8,
          true,
          ZoneId.of("Europe/Madrid"),
          "EUR");

  /**
   * Takes in cards.csv (columns card_id, first_name, type, occurred_at) holding {@code content}.
   */
  LoyaltyFileIntake.FileReport take(String content) throws Exception {
    Path file = dir.resolve("cards.csv");
    Files.writeString(file, content);
    return intake(NAMED).process(file.toFile());
  }

  List<String> rejects() throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = ds.getConnection();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT location, line_no, record_key, reason FROM rejected_record ORDER BY"
                    + " line_no")) {
      while (rs.next()) {
        out.add(
            rs.getString(1)
                + ":"
                + rs.getString(2)
                + " "
                + rs.getString(3)
                + " "
                + rs.getString(4));
      }
    }
    return out;
  }

  String fileRecord() throws Exception {
    try (var c = ds.getConnection();
        var s = c.createStatement();
        var rs =
            s.executeQuery("SELECT status, lines_read, loaded, rejected, note FROM source_file")) {
      assertThat(rs.next()).as("the file is recorded").isTrue();
      return rs.getString(1)
          + " "
          + rs.getLong(2)
          + "/"
          + rs.getLong(3)
          + "/"
          + rs.getLong(4)
          + " "
          + rs.getString(5);
    }
  }

  @Test
  void an_unclosed_quote_in_the_middle_costs_its_line_only() throws Exception {
    LoyaltyFileIntake.FileReport report =
        take(
            "card_id,first_name,type,occurred_at\n"
                + "K1,Ana,visit,2025-06-01\n"
                + "K2,\"Blas,visit,2025-06-01\n"
                + "K3,Carla,visit,2025-06-02\n"
                + "K4,\"Cano, Dario\",visit,2025-06-03\n"
                + "K5,Eva,visit,2025-06-04\n");

    assertThat(report.line()).startsWith("loyalty file cards.csv: 5 lines, 4 loaded, 1 rejected");
    assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(4);
    assertThat(count("SELECT COUNT(*) FROM contact WHERE first_name = 'Cano, Dario'")).isEqualTo(1);
    assertThat(rejects())
        .containsExactly(
            "cards.csv:3 null row: the quote opened in column 2 (first_name) is not closed"
                + " on its line (the quote on line 5 that would close it is followed by text)");
    assertThat(fileRecord()).isEqualTo("DONE 5/4/1 null");
  }

  @Test
  void a_line_with_the_wrong_column_count_is_rejected_with_its_card_id_and_the_rest_is_taken()
      throws Exception {
    take("card_id,first_name,type,occurred_at\nK1,Ana,visit\nK2,Blas,visit,2025-06-01\n");

    assertThat(rejects()).containsExactly("cards.csv:2 K1 row: expected 4 columns, found 3");
    assertThat(count("SELECT COUNT(*) FROM contact WHERE first_name = 'Blas'")).isEqualTo(1);
  }

  @Test
  void an_absurdly_long_line_is_rejected_unread_and_the_next_lines_are_taken() throws Exception {
    LoyaltyFileIntake.FileReport report =
        take(
            "card_id,first_name,type,occurred_at\nK1,Ana,visit,2025-06-01\nK2,"
                + "x".repeat(2_000_000)
                + ",visit,2025-06-01\nK3,Carla,visit,2025-06-01\n");

    assertThat(report.loaded()).isEqualTo(2);
    assertThat(rejects())
        .containsExactly("cards.csv:3 null row: line longer than 10000 characters; not read");
  }

  @Test
  void a_crlf_file_with_a_name_quoted_over_two_lines_is_taken_whole() throws Exception {
    LoyaltyFileIntake.FileReport report =
        take(
            "card_id,first_name,type,occurred_at\r\n"
                + "K1,\"Ana\r\n"
                + "María\",visit,2025-06-01\r\n"
                + "K2,Blas,visit,2025-06-01\r\n");

    assertThat(report.line()).startsWith("loyalty file cards.csv: 2 lines, 2 loaded, 0 rejected");
    assertThat(
            count("SELECT COUNT(*) FROM contact WHERE first_name = 'Ana' || CHAR(10) || 'María'"))
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM contact WHERE first_name = 'Blas'")).isEqualTo(1);
  }

  @Test
  void a_name_too_long_for_its_column_never_fails_the_file() throws Exception {
    LoyaltyFileIntake.FileReport report =
        take(
            "card_id,first_name,type,occurred_at\nK1,Ana,visit,2025-06-01\nK2,"
                + "B".repeat(300)
                + ",visit,2025-06-01\nK3,Carla,visit,2025-06-01\n");

    assertThat(fileRecord()).startsWith("DONE 3/");
    assertThat(count("SELECT COUNT(*) FROM contact WHERE first_name IN ('Ana', 'Carla')"))
        .isEqualTo(2);
    // K2 is either kept without the name (a field error) or rejected naming the column, never with
    // the value
    boolean kept = count("SELECT COUNT(*) FROM source_ref WHERE external_id = 'K2'") == 1;
    if (!kept) {
      assertThat(rejects())
          .singleElement()
          .asString()
          .startsWith("cards.csv:3 K2 ")
          .contains("first_name")
          .doesNotContain("BBBB");
    }
    assertThat(report.loaded() + report.rejected()).isEqualTo(3);
  }

  @Test
  void an_empty_file_and_a_header_only_file_are_taken_with_a_note_each_time() throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    LoyaltyFileIntake.FileReport report = intake(NAMED).process(empty.toFile());
    assertThat(report.outcome()).isEqualTo(LoyaltyFileIntake.Outcome.EMPTY);
    assertThat(report.line()).isEqualTo("loyalty file empty.csv: empty file, nothing to take in");
    assertThat(fileRecord()).isEqualTo("EMPTY 0/0/0 empty file");
    // another empty file is not "already taken in": it is noted again
    Path again = Files.writeString(dir.resolve("empty-2.csv"), "");
    assertThat(intake(NAMED).process(again.toFile()).outcome())
        .isEqualTo(LoyaltyFileIntake.Outcome.EMPTY);

    Path header =
        Files.writeString(dir.resolve("header.csv"), "card_id,first_name,type,occurred_at\r\n");
    assertThat(intake(NAMED).process(header.toFile()).line())
        .isEqualTo("loyalty file header.csv: header only, no data lines, nothing to take in");
    assertThat(
            count(
                "SELECT COUNT(*) FROM source_file WHERE status = 'EMPTY' AND note = 'header only,"
                    + " no data lines'"))
        .isEqualTo(1);
  }

  @Test
  void a_file_whose_every_line_fails_is_refused_recorded_failed_with_its_reason_and_each_line_kept()
      throws Exception {
    Path file = dir.resolve("wrong.csv");
    Files.writeString(
        file,
        "card_id,first_name,type,occurred_at\nK1;Ana;visit;2025-06-01\nK2;Blas;visit;2025-06-01\n");

    assertThatThrownBy(() -> intake(NAMED).process(file.toFile()))
        .isInstanceOf(LoyaltyFileIntake.RefusedFileException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "loyalty file wrong.csv: all 2 lines were rejected; first line 2: row: expected 4"
                + " columns, found 1");
    assertThat(fileRecord())
        .isEqualTo(
            "FAILED 2/0/2 all 2 lines were rejected; first line 2: row: expected 4 columns, found"
                + " 1");
    assertThat(rejects())
        .containsExactly(
            "wrong.csv:2 K1;Ana;visit;2025-06-01 row: expected 4 columns, found 1",
            "wrong.csv:3 K2;Blas;visit;2025-06-01 row: expected 4 columns, found 1",
            "wrong.csv:null null file refused: all 2 lines were rejected; first line 2: row:"
                + " expected 4 columns, found 1");
    // dropped again once fixed, the same name is taken in
    Files.writeString(file, "card_id,first_name,type,occurred_at\nK1,Ana,visit,2025-06-01\n");
    assertThat(intake(NAMED).process(file.toFile()).loaded()).isEqualTo(1);
  }

  long count(String sql) throws Exception {
    try (var c = ds.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
