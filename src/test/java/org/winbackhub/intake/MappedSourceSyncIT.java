package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.intake.sql.JdbcRowSource;
import org.winbackhub.store.Database;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestStores;
import org.winbackhub.store.WatermarkRepository;

/** A SQL source on the local PostgreSQL (timestamptz columns) synced into an H2 store. */
class MappedSourceSyncIT {
  static final String MAPPING =
      """
      contacts:
        query: >
          SELECT id, email, first_name, modified FROM people
          WHERE modified IS NULL OR modified >= :watermark ORDER BY modified
        key: id
        changed: modified
        fields: {email: email, first_name: first_name}
      events:
        - type: purchase
          query: >
            SELECT id, person_id, amount, happened, modified FROM purchases
            WHERE modified >= :watermark ORDER BY modified
          key: id
          contact: person_id
          at: happened
          amount: amount
          changed: modified
      """;

  @TempDir Path dir;
  HikariDataSource store;
  HikariDataSource source;
  Database db;
  TimeZone jvmZone;

  @BeforeEach
  void setUp() throws Exception {
    jvmZone = TimeZone.getDefault();
    store = TestStores.h2();
    db = new Database(store);
    String url = TestStores.freshSchema("fixes_sql_source");
    try (Connection c = DriverManager.getConnection(url, TestStores.PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE people (id BIGINT PRIMARY KEY, email TEXT, first_name TEXT, modified"
              + " TIMESTAMPTZ)");
      s.execute(
          "CREATE TABLE purchases (id BIGINT PRIMARY KEY, person_id BIGINT, amount NUMERIC(10,2),"
              + " happened TIMESTAMPTZ NOT NULL, modified TIMESTAMPTZ NOT NULL)");
      s.execute(
          "INSERT INTO people VALUES"
              + " (1, 'ana@example.com', 'Ana', '2025-06-01T08:00:00Z'),"
              + " (2, 'not-an-email', 'Bea', '2025-06-01T08:01:00Z'),"
              + " (3, 'carla@example.com', 'Carla', NULL),"
              + " (4, 'dora@example.com', 'Dora', '2025-06-01T08:02:00Z')");
      s.execute(
          "INSERT INTO purchases VALUES (10, 1, 20.00, '2025-06-01T10:00:00Z',"
              + " '2025-06-01T10:05:00Z')");
    }
    source = new HikariDataSource();
    source.setJdbcUrl(url);
    source.setUsername(TestStores.PG_USER);
  }

  @AfterEach
  void tearDown() {
    TimeZone.setDefault(jvmZone);
    source.close();
    store.close();
  }

  SyncReport sync() throws Exception {
    return sync(MAPPING, SyncRun.untracked(false));
  }

  SyncReport sync(String mappingText, SyncRun run) throws Exception {
    Path mapping = Files.writeString(dir.resolve("people.yaml"), mappingText);
    ContactIntake intake = TestIntakes.on(db);
    MappedSourceSync sync =
        new MappedSourceSync(
            new BatchCommit(intake, new WatermarkRepository(db), db, Clock.systemUTC()),
            FieldRules.defaults(
                new PhoneNormalizer("ES"), ZoneId.of("Europe/Madrid"), Clock.systemUTC()),
            ZoneId.of("Europe/Madrid"),
            "EUR",
            Duration.ofMinutes(5));
    return sync.sync(
        "shop",
        new JdbcRowSource("shop", source),
        SourceMapping.load(mapping),
        SyncProgress.NONE,
        run);
  }

  @Test
  void a_row_without_a_change_marker_is_rejected_and_the_rest_of_the_stream_goes_on()
      throws Exception {
    SyncReport report = sync();
    assertThat(
            query(
                "SELECT first_name || ' ' || COALESCE(email, '-') FROM contact ORDER BY"
                    + " first_name"))
        .as("Bea's address is refused, Bea is not")
        .isEqualTo("Ana ana@example.com,Bea -,Dora dora@example.com");
    assertThat(query("SELECT record_key || ' ' || reason FROM rejected_record ORDER BY record_key"))
        .contains("2 email:")
        .contains("3 modified:");
    assertThat(report.changes().rejected())
        .as("rows lost: Carla's, without a change marker")
        .isEqualTo(1);
    assertThat(report.changes().refusedFields()).isEqualTo(1);
    assertThat(report.line()).contains("rejected 1, fields refused 1");
  }

  @Test
  void rows_read_again_in_the_overlap_are_not_rejected_twice() throws Exception {
    onSource("DELETE FROM people WHERE modified IS NULL");
    sync();
    long rejected = new RejectRepository(db).count();
    sync();
    sync();
    assertThat(new RejectRepository(db).count()).isEqualTo(rejected).isEqualTo(1);
  }

  @Test
  void a_timestamptz_is_read_as_the_exact_instant_whatever_the_jvm_zone() throws Exception {
    onSource("DELETE FROM people WHERE modified IS NULL");
    TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    sync();
    try (var c = store.getConnection();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT occurred_at FROM contact_event WHERE external_id = 'purchase:10'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getObject(1, OffsetDateTime.class).toInstant())
          .isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
    }
    assertThat(new WatermarkRepository(db).get("shop:events:purchase:id"))
        .hasValue("instant:2025-06-01T10:05:00Z");
  }

  @Test
  void a_full_re_read_takes_nothing_twice_and_leaves_the_watermarks_where_a_catch_up_would()
      throws Exception {
    onSource("DELETE FROM people WHERE modified IS NULL");
    sync();
    String watermarks =
        query("SELECT source || '=' || watermark FROM source_watermark ORDER BY source");
    String contacts = query("SELECT id || email FROM contact ORDER BY id");

    SyncReport full = sync(MAPPING, new SyncRun(1, SyncRun.Scope.FULL, false));
    assertThat(full.read()).isEqualTo(4);
    assertThat(full.changes()).isEqualTo(new ContactIntake.Result(0, 0, 0, 0, 0, 1));
    assertThat(query("SELECT source || '=' || watermark FROM source_watermark ORDER BY source"))
        .isEqualTo(watermarks);

    // a watermark lost and another set back: a full re-read puts both where they were
    update("DELETE FROM source_watermark WHERE source = 'shop:contacts'");
    update(
        "UPDATE source_watermark SET watermark = 'instant:2020-01-01T00:00:00Z' WHERE source ="
            + " 'shop:events:purchase:id'");
    assertThat(sync(MAPPING, new SyncRun(2, SyncRun.Scope.FULL, false)).changes())
        .isEqualTo(new ContactIntake.Result(0, 0, 0, 0, 0, 1));
    assertThat(query("SELECT source || '=' || watermark FROM source_watermark ORDER BY source"))
        .isEqualTo(watermarks);
    assertThat(query("SELECT id || email FROM contact ORDER BY id")).isEqualTo(contacts);
    assertThat(query("SELECT COUNT(*) FROM contact_event")).isEqualTo("1");
  }

  @Test
  void
      a_retry_after_a_mapping_fix_takes_the_rejected_rows_in_and_keeps_only_the_latest_reasons_open()
          throws Exception {
    onSource("DELETE FROM people WHERE modified IS NULL");
    String dateAsAmount = MAPPING.replace("amount: amount", "amount: happened");
    SyncReport first = sync(dateAsAmount, new SyncRun(1, SyncRun.Scope.CATCH_UP, false));
    assertThat(first.rejected().judged()).isEqualTo(4);
    assertThat(first.rejected().rejected()).isEqualTo(2);
    assertThat(first.rejected().topReasons(5))
        .isEqualTo(
            "1 email: not a valid address: needs one @ between a name and a domain; 1 happened:"
                + " expected a number")
        .doesNotContain("2025");

    // the mapping is fixed, and Bea's address changed to another invalid one
    onSource("UPDATE people SET email = 'bea@example' WHERE id = 2");
    SyncReport retry = sync(MAPPING, new SyncRun(2, SyncRun.Scope.REJECTED, false));
    assertThat(retry.read()).as("both streams hold open rejections: read whole").isEqualTo(4);
    assertThat(retry.changes().newEvents()).isEqualTo(1);
    assertThat(retry.rejected().resolved()).as("the purchase, and Bea's old reason").isEqualTo(2);
    assertThat(query("SELECT amount FROM contact_event")).isEqualTo("20.00");
    assertThat(
            query(
                "SELECT record_key || ' ' || reason || ' resolved by ' || resolved_by FROM"
                    + " rejected_record WHERE resolved_at IS NOT NULL ORDER BY record_key"))
        .isEqualTo(
            "10 happened: expected a number resolved by 2,2 email: not a valid address: needs one @"
                + " between a name and a domain resolved by 2");
    assertThat(
            query(
                "SELECT record_key || ' ' || reason FROM rejected_record WHERE resolved_at IS"
                    + " NULL"))
        .isEqualTo("2 email: not a valid address: has a domain without a dot");

    // a second retry reads only the stream that still holds an open rejection, and keeps it once
    SyncReport again = sync(MAPPING, new SyncRun(3, SyncRun.Scope.REJECTED, false));
    assertThat(again.read()).isEqualTo(3);
    assertThat(query("SELECT COUNT(*) FROM rejected_record WHERE resolved_at IS NULL"))
        .isEqualTo("1");
    assertThat(query("SELECT COUNT(*) FROM rejected_record")).isEqualTo("3");
  }

  @Test
  void
      a_catch_up_judges_only_the_rows_changed_after_its_watermark_and_resolves_a_row_fixed_at_the_source()
          throws Exception {
    onSource("DELETE FROM people WHERE modified IS NULL");
    sync();
    SyncReport overlap = sync();
    assertThat(overlap.read()).as("the 5-minute overlap reads every row again").isEqualTo(4);
    assertThat(overlap.rejected().judged()).isZero();
    assertThat(overlap.line())
        .contains("rejected 0, fields refused 1, ")
        .doesNotContain("% of rows");

    onSource(
        "UPDATE people SET email = 'bea@example.com', modified = '2025-06-01T09:00:00Z' WHERE id ="
            + " 2");
    SyncReport fixed = sync();
    assertThat(fixed.rejected())
        .extracting(RejectedRows::judged, RejectedRows::rejected, RejectedRows::resolved)
        .containsExactly(1L, 0L, 1L);
    assertThat(fixed.line()).contains("rejected 0, fields refused 0, resolved 1, ");
    assertThat(query("SELECT COUNT(*) FROM rejected_record WHERE resolved_at IS NULL"))
        .isEqualTo("0");
  }

  void update(String sql) throws Exception {
    try (var c = store.getConnection();
        var s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  void onSource(String sql) throws Exception {
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  String query(String sql) throws Exception {
    try (var c = store.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(out.length() == 0 ? "" : ",").append(rs.getString(1));
      }
      return out.toString();
    }
  }
}
