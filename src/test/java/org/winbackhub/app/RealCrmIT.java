package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winbackhub.cli.SyncCommandIT;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.PackagedJar;

/**
 * A CRM as a real one is met, on MariaDB and on PostgreSQL, connected by YAML alone and synced by
 * the packaged jar: people in one table, their addresses in another (with the email opt-out on the
 * address row, so the change marker is built from both), accented names and addresses typed as
 * people wrote them, a share of invalid values, rows soft-deleted before and after the first load,
 * invoice amounts written with a decimal comma. The first mapping reads the amount as it is and
 * most invoices are refused: sync fails loudly; after the fix a retry takes them in; every live
 * contact arrives with its consent, no deleted one does, and a deletion or an opt-out made later
 * arrives with the next catch-up.
 */
class RealCrmIT {
  static final String[] FIRST = {
    "Lucía", "José", "María", "Ángel", "Begoña", "Íñigo", "Zoë", "Çağla", "Noé", "Inés"
  };
  static final String[] LAST = {
    "García", "Muñoz", "Peña", "Ibáñez", "Gómez", "Nuñez", "Sáez", "Öztürk"
  };
  static final LocalDateTime LOADED = LocalDateTime.of(2026, 1, 1, 9, 0);

  @TempDir Path hub;

  /** One person of the CRM as the generator made them, and what the hub should make of them. */
  record Person(
      int id,
      String first,
      String last,
      String email,
      boolean emailValid,
      boolean emailRow,
      boolean optOut,
      String phone,
      String e164,
      boolean noCall,
      boolean deleted) {}

  record Invoice(String number, int person, BigDecimal amount, boolean cancelled) {}

  final List<Person> people = new ArrayList<>();
  final List<Invoice> invoices = new ArrayList<>();

  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgres"})
  void a_crm_with_international_addresses_and_soft_deletes_arrives_whole(String kind)
      throws Exception {
    String crm = crm(kind);
    generate(new Random(kind.hashCode()));
    load(crm);
    SyncCommandIT.STORE = TestStores.freshSchema("winback_real_crm_" + kind);
    PackagedJar.copyHubFolder(hub);
    Path mapping = hub.resolve("config/mappings/crm.yaml");
    // the CRM writes amounts with a decimal comma ("49,90"): read as they are, every invoice is
    // refused
    Files.writeString(mapping, MAPPING.replace("AMOUNT", "f.importe"));
    Files.writeString(
        hub.resolve("config/application.properties"),
        """

        camel.beans.crmDb = #class:com.zaxxer.hikari.HikariDataSource
        camel.beans.crmDb.jdbcUrl = %s
        camel.beans.crmDb.username = %s
        hub.store.url = %s
        hub.store.user = %s
        """
            .formatted(crm, user(kind), SyncCommandIT.STORE, TestStores.PG_USER),
        StandardOpenOption.APPEND);
    Files.writeString(hub.resolve("routes/sources/crm.camel.yaml"), ROUTE);

    PackagedJar.Run first = PackagedJar.run(hub, 120, "sync", "--source", "crm");
    assertThat(first.exitCode()).as(first.output()).isEqualTo(3);
    long live = invoices.stream().filter(i -> !i.cancelled()).count();
    assertThat(first.output())
        .as("the summary names the top reason with its count")
        .containsPattern("(?m)^  refused " + live + " importe: expected a number$")
        .doesNotContain("49,90", "@example");

    everyLiveContactArrivesWithItsConsentAndNoDeletedOne();
    assertThat(rejected("email"))
        .as("each bad address is a refused field of a record kept")
        .isEqualTo(
            people.stream().filter(p -> !p.deleted() && p.emailRow() && !p.emailValid()).count());
    assertThat(
            store(
                "SELECT COUNT(*) FROM rejected_record WHERE source = 'crm' AND field = 'email' AND"
                    + " record_kept"))
        .isEqualTo(
            store("SELECT COUNT(*) FROM rejected_record WHERE source = 'crm' AND field = 'email'"));

    // the mapping is fixed; a retry reads the refused rows again and takes them in
    Files.writeString(mapping, MAPPING.replace("AMOUNT", "REPLACE(f.importe, ',', '.')"));
    PackagedJar.Run retry = PackagedJar.run(hub, 120, "sync", "--retry-rejected");
    assertThat(retry.exitCode()).as(retry.output()).isZero();
    assertThat(retry.output()).containsPattern("resolved " + live);
    assertThat(
            store(
                "SELECT COUNT(*) FROM rejected_record WHERE source = 'crm' AND field = 'importe'"
                    + " AND resolved_at IS NULL"))
        .isEqualTo("0");
    purchasesAre(expectedPurchases());

    // after the load the CRM deletes a person and cancels an invoice, and a person unsubscribes on
    // the address row
    Person gone = people.stream().filter(p -> !p.deleted()).findFirst().orElseThrow();
    Invoice voided =
        invoices.stream()
            .filter(i -> !i.cancelled() && i.person() != gone.id() && !person(i.person()).deleted())
            .findFirst()
            .orElseThrow();
    Person unsubscribes =
        people.stream()
            .filter(p -> !p.deleted() && p.emailRow() && !p.optOut() && p != gone)
            .findFirst()
            .orElseThrow();
    LocalDateTime later = LOADED.plusDays(40);
    crmUpdate(
        crm,
        user(kind),
        "UPDATE persona SET borrado = TRUE, actualizado = ? WHERE id = " + gone.id(),
        later);
    crmUpdate(
        crm,
        user(kind),
        "UPDATE factura SET anulada = TRUE, actualizado = ? WHERE numero = '"
            + voided.number()
            + "'",
        later);
    crmUpdate(
        crm,
        user(kind),
        "UPDATE persona_email SET baja = TRUE, actualizado = ? WHERE persona_id = "
            + unsubscribes.id(),
        later);
    people.set(
        people.indexOf(gone),
        new Person(
            gone.id(),
            gone.first(),
            gone.last(),
            gone.email(),
            gone.emailValid(),
            gone.emailRow(),
            gone.optOut(),
            gone.phone(),
            gone.e164(),
            gone.noCall(),
            true));
    people.set(
        people.indexOf(unsubscribes),
        new Person(
            unsubscribes.id(),
            unsubscribes.first(),
            unsubscribes.last(),
            unsubscribes.email(),
            unsubscribes.emailValid(),
            true,
            true,
            unsubscribes.phone(),
            unsubscribes.e164(),
            unsubscribes.noCall(),
            false));
    invoices.set(
        invoices.indexOf(voided),
        new Invoice(voided.number(), voided.person(), voided.amount(), true));

    PackagedJar.Run catchUp = PackagedJar.run(hub, 120, "sync", "--source", "crm");
    assertThat(catchUp.exitCode()).as(catchUp.output()).isZero();
    assertThat(catchUp.output()).contains("deleted 2");
    everyLiveContactArrivesWithItsConsentAndNoDeletedOne();
    purchasesAre(expectedPurchases());
    assertThat(
            store(
                "SELECT CASE WHEN k.archived_at IS NULL THEN 'live' ELSE 'archived' END FROM"
                    + " contact k JOIN source_ref r ON r.contact_id = k.id WHERE r.source = 'crm'"
                    + " AND r.external_id = '"
                    + gone.id()
                    + "'"))
        .as("the only reference ended: the contact is archived")
        .isEqualTo("archived");
  }

  void everyLiveContactArrivesWithItsConsentAndNoDeletedOne() throws Exception {
    Map<String, Map<String, String>> arrived = new HashMap<>();
    try (Connection c = DriverManager.getConnection(SyncCommandIT.STORE, TestStores.PG_USER, "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT r.external_id, k.first_name, k.last_name, k.email, k.phone,"
                    + " k.email_consent, k.sms_consent FROM source_ref r JOIN contact k ON k.id ="
                    + " r.contact_id WHERE r.source = 'crm' AND r.ended_at IS NULL AND"
                    + " k.archived_at IS NULL")) {
      while (rs.next()) {
        Map<String, String> row = new HashMap<>();
        for (String column :
            List.of("first_name", "last_name", "email", "phone", "email_consent", "sms_consent")) {
          row.put(column, rs.getString(column));
        }
        arrived.put(rs.getString(1), row);
      }
    }
    List<Person> alive = people.stream().filter(p -> !p.deleted()).toList();
    assertThat(arrived.keySet())
        .as("every live person, and no deleted one")
        .containsExactlyInAnyOrderElementsOf(
            alive.stream().map(p -> String.valueOf(p.id())).toList());
    for (Person p : alive) {
      Map<String, String> k = arrived.get(String.valueOf(p.id()));
      assertThat(k.get("first_name")).as("first name of %s", p.id()).isEqualTo(p.first());
      assertThat(k.get("last_name"))
          .as("last name of %s", p.id())
          .isEqualTo(p.last().length() > 200 ? null : p.last());
      assertThat(k.get("email"))
          .as("address of %s, as typed", p.id())
          .isEqualTo(p.emailRow() && p.emailValid() ? p.email() : null);
      assertThat(k.get("phone")).as("phone of %s", p.id()).isEqualTo(p.e164());
      assertThat(k.get("email_consent"))
          .as("email consent of %s", p.id())
          .isEqualTo(
              p.emailRow() && p.optOut() ? "OPTED_OUT" : p.emailRow() ? "GRANTED" : "UNKNOWN");
      assertThat(k.get("sms_consent"))
          .as("sms consent of %s", p.id())
          .isEqualTo(p.noCall() ? "OPTED_OUT" : "GRANTED");
    }
  }

  /** Live invoices of live people: count and total, as the store counts them. */
  String expectedPurchases() {
    List<Invoice> counted =
        invoices.stream().filter(i -> !i.cancelled() && !person(i.person()).deleted()).toList();
    return counted.size()
        + " "
        + counted.stream().map(Invoice::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  void purchasesAre(String expected) throws Exception {
    assertThat(
            store(
                "SELECT COUNT(*) || ' ' || COALESCE(SUM(e.amount), 0) FROM contact_event e JOIN"
                    + " contact k ON k.id = e.contact_id WHERE e.source = 'crm' AND e.type ="
                    + " 'purchase' AND e.deleted_at IS NULL AND k.archived_at IS NULL"))
        .as("live purchases of live contacts")
        .isEqualTo(expected);
  }

  long rejected(String field) throws Exception {
    return Long.parseLong(
        store(
            "SELECT COUNT(*) FROM rejected_record WHERE source = 'crm' AND field = '"
                + field
                + "'"));
  }

  Person person(int id) {
    return people.get(id - 1);
  }

  /**
   * 300 people: a few with a bad address, phone or over-long surname, some without an address row,
   * some deleted.
   */
  void generate(Random random) {
    for (int id = 1; id <= 300; id++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last =
          random.nextInt(50) == 0 ? "Larguísimo".repeat(25) : LAST[random.nextInt(LAST.length)];
      String local =
          (first + "." + LAST[random.nextInt(LAST.length)]).toLowerCase(Locale.ROOT) + id;
      String domain =
          random.nextInt(10) == 0
              ? "bücher.de"
              : random.nextInt(2) == 0 ? "example.org" : "correo.es";
      int roll = random.nextInt(100);
      String email =
          roll < 3 ? local + "@@" + domain : roll < 5 ? local + " " + domain : local + "@" + domain;
      boolean badPhone = random.nextInt(30) == 0;
      String national = String.valueOf(600_000_000 + id * 101);
      String phone =
          badPhone
              ? "12"
              : national.substring(0, 3)
                  + " "
                  + national.substring(3, 6)
                  + " "
                  + national.substring(6);
      people.add(
          new Person(
              id,
              first,
              last,
              email,
              roll >= 5,
              random.nextInt(20) != 0,
              random.nextInt(5) == 0,
              phone,
              badPhone ? null : "+34" + national,
              random.nextInt(10) == 0,
              random.nextInt(20) == 0));
      for (int k = random.nextInt(5); k > 0; k--) {
        BigDecimal amount = BigDecimal.valueOf(500 + random.nextInt(20_000), 2);
        invoices.add(new Invoice("F-" + id + "-" + k, id, amount, random.nextInt(20) == 0));
      }
    }
  }

  String crm(String kind) throws Exception {
    if (kind.equals("mariadb")) {
      try (Connection c =
              DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS winback_real_crm_it");
        s.execute("CREATE DATABASE winback_real_crm_it CHARACTER SET utf8mb4");
      }
      return "jdbc:mariadb://127.0.0.1:3306/winback_real_crm_it";
    }
    return TestStores.freshSchema("winback_real_crm_it");
  }

  static String user(String kind) {
    return kind.equals("mariadb") ? "root" : TestStores.PG_USER;
  }

  void load(String url) throws Exception {
    boolean maria = url.startsWith("jdbc:mariadb");
    String ts = maria ? "DATETIME(3)" : "TIMESTAMP(3)";
    try (Connection c = DriverManager.getConnection(url, maria ? "root" : TestStores.PG_USER, "")) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE persona (id INTEGER PRIMARY KEY, nombre VARCHAR(100), apellidos"
                + " VARCHAR(300), movil VARCHAR(30), no_llamar BOOLEAN NOT NULL, borrado BOOLEAN"
                + " NOT NULL, actualizado "
                + ts
                + " NOT NULL)");
        s.execute(
            "CREATE TABLE persona_email (persona_id INTEGER NOT NULL, direccion VARCHAR(320) NOT"
                + " NULL, principal BOOLEAN NOT NULL, baja BOOLEAN NOT NULL, actualizado "
                + ts
                + " NOT NULL)");
        s.execute(
            "CREATE TABLE factura (numero VARCHAR(20) PRIMARY KEY, persona_id INTEGER NOT NULL,"
                + " importe VARCHAR(20) NOT NULL, fecha DATE NOT NULL, anulada BOOLEAN NOT NULL,"
                + " actualizado "
                + ts
                + " NOT NULL)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement p =
              c.prepareStatement("INSERT INTO persona VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement m =
              c.prepareStatement("INSERT INTO persona_email VALUES (?, ?, TRUE, ?, ?)");
          PreparedStatement f =
              c.prepareStatement("INSERT INTO factura VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Person x : people) {
          Timestamp at = Timestamp.valueOf(LOADED.minusDays(30).plusMinutes(x.id()));
          p.setInt(1, x.id());
          p.setString(2, x.first());
          p.setString(3, x.last());
          p.setString(4, x.phone());
          p.setBoolean(5, x.noCall());
          p.setBoolean(6, x.deleted());
          p.setTimestamp(7, at);
          p.addBatch();
          if (x.emailRow()) {
            m.setInt(1, x.id());
            m.setString(2, x.email());
            m.setBoolean(3, x.optOut());
            m.setTimestamp(4, at);
            m.addBatch();
          }
        }
        int n = 0;
        for (Invoice i : invoices) {
          f.setString(1, i.number());
          f.setInt(2, i.person());
          f.setString(3, i.amount().toPlainString().replace('.', ','));
          f.setObject(4, LOADED.toLocalDate().minusDays(10 + (n * 7L) % 500));
          f.setBoolean(5, i.cancelled());
          f.setTimestamp(6, Timestamp.valueOf(LOADED.minusDays(20).plusMinutes(n++)));
          f.addBatch();
        }
        p.executeBatch();
        m.executeBatch();
        f.executeBatch();
      }
      c.commit();
    }
  }

  static void crmUpdate(String url, String user, String sql, LocalDateTime at) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, "");
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, Timestamp.valueOf(at));
      assertThat(s.executeUpdate()).as(sql).isEqualTo(1);
    }
  }

  static String store(String sql) throws Exception {
    return SyncCommandIT.store(sql);
  }

  static final String ROUTE =
      """
      - route:
          id: source-crm
          from:
            uri: "kamelet:winback-crm-jdbc-source"
            parameters:
              sourceId: crm
              dataSource: crmDb
              mapping: config/mappings/crm.yaml
            steps:
              - log: "${body.line}"
      """;

  /** The change marker of a person is the later of their row's and their address row's. */
  static final String MAPPING =
      """
      contacts:
        query: >
          SELECT p.id, p.nombre, p.apellidos, p.movil, p.no_llamar, p.borrado, e.direccion, e.baja,
                 GREATEST(p.actualizado, COALESCE(e.actualizado, p.actualizado)) AS cambiado
          FROM persona p
          LEFT JOIN persona_email e ON e.persona_id = p.id AND e.principal = TRUE
          WHERE p.actualizado >= :watermark OR e.actualizado >= :watermark
          ORDER BY cambiado
        key: id
        changed: cambiado
        fields: {email: direccion, phone: movil, first_name: nombre, last_name: apellidos}
        consent: {email_opt_out: baja, sms_opt_out: no_llamar}
        deleted: {column: borrado, values: [true, 1]}
      events:
        - type: purchase
          query: >
            SELECT f.numero, f.persona_id, AMOUNT AS importe, f.fecha, f.anulada, f.actualizado
            FROM factura f WHERE f.actualizado >= :watermark ORDER BY f.actualizado
          key: numero
          contact: persona_id
          at: fecha
          amount: importe
          changed: actualizado
          deleted: {column: anulada, values: [true, 1]}
      """;
}
