package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.RejectRepository;
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
    ContactIntake contacts = new ContactIntake(db, new ContactRepository(db), new EventRepository(db), new RejectRepository(db), Clock.systemUTC());
    return new LoyaltyFileIntake(format, new PhoneNormalizer("ES"), contacts, new SourceFileRepository(db), db, Clock.systemUTC());
  }

  @Test
  void reads_a_latin1_semicolon_file_without_header_and_takes_each_content_once() throws Exception {
    LoyaltyFileFormat format = new LoyaltyFileFormat("tpv", List.of("card_id", "first_name", "last_name", "type", "occurred_at", "amount"),
        ';', StandardCharsets.ISO_8859_1, false, ZoneId.of("Europe/Madrid"), "EUR");
    Path file = dir.resolve("tpv-2025-06.txt");
    Files.writeString(file, "T1;Begoña;Muñoz;purchase;2025-06-01 10:00;12,50\nT2;Iñaki;Ibáñez;visit;2025-06-02;\nT3;Ana;Sin Fecha;visit;;\n",
        StandardCharsets.ISO_8859_1);

    LoyaltyFileIntake.FileReport report = intake(format).process(file.toFile());
    assertThat(report.line()).isEqualTo("loyalty file tpv-2025-06.txt: 3 lines, 2 loaded, 1 rejected, 2 new contacts, 0 updated, 0 merged, 2 new events");
    try (var c = ds.getConnection(); var s = c.createStatement()) {
      var rs = s.executeQuery("SELECT first_name, last_name FROM contact ORDER BY first_name");
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
    LoyaltyFileFormat utf8 = new LoyaltyFileFormat("tpv", List.of("card_id", "first_name", "type", "occurred_at"),
        ';', StandardCharsets.UTF_8, false, ZoneId.of("Europe/Madrid"), "EUR");
    Path file = dir.resolve("latin1.txt");
    Files.writeString(file, "T1;Begoña;visit;2025-06-01\n", StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> intake(utf8).process(file.toFile()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latin1.txt")
        .hasMessageContaining("UTF-8");
  }
}
