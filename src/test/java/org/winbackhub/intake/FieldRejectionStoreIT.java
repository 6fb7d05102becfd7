package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.model.SuppressionReason;
import org.winbackhub.store.ClaimScope;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.MergeRepository;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.SuppressionRepository;
import org.winbackhub.store.TestStores;

/**
 * A CRM record with a refused field on real stores: the rest of it (name, phone, opt-out) is kept,
 * and a later source bringing the same address in another case or Unicode form finds the same
 * contact, whose opt-out holds; merges, their undoing, lookups and the suppression list compare
 * addresses in that one form too.
 */
class FieldRejectionStoreIT {
  static final Instant NOW = Instant.parse("2025-08-01T10:00:00Z");
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final SourceMapping.ContactQuery CRM =
      new SourceMapping.ContactQuery(
          "SELECT * FROM people WHERE changed >= :watermark ORDER BY changed",
          "id",
          "changed",
          Map.of("email", "mail", "phone", "mobile", "first_name", "given", "last_name", "family"),
          Map.of("email_opt_out", "no_mail"));

  final SqlRowMapper crm =
      new SqlRowMapper(
          "crm",
          MADRID,
          "EUR",
          FieldRules.defaults(new PhoneNormalizer("ES"), MADRID, Clock.fixed(NOW, ZoneOffset.UTC)));

  static Map<String, Object> person(
      String id, String mail, String mobile, String given, String family, Object noMail) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("mail", mail);
    row.put("mobile", mobile);
    row.put("given", given);
    row.put("family", family);
    row.put("no_mail", noMail);
    row.put("changed", NOW);
    return row;
  }

  /**
   * Maps CRM rows and takes them in as a sync would: the records, and one rejection per refused
   * field.
   */
  ContactIntake.Result syncCrm(ContactIntake intake, List<Map<String, Object>> rows) {
    List<SourceRecord> records = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Mapped m = crm.contact(CRM, row);
      if (m.record() != null) {
        records.add(m.record());
      }
      rejections.addAll(m.rejections("crm", "crm contacts", null));
    }
    return intake.ingest("crm", records, rejections);
  }

  static SourceRecord shopCustomer(String id, String email, Consent consent) {
    return new SourceRecord(
        new SourceContact("shop", id, email, null, null, null, consent, Consent.UNKNOWN),
        List.of());
  }

  @OnBothStores
  void a_refused_field_keeps_the_rest_and_the_same_address_in_another_form_finds_the_same_contact(
      String kind) throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "winback_fields_it")) {
      Database db = new Database(ds);
      ContactRepository contacts = new ContactRepository(db);
      RejectRepository rejects = new RejectRepository(db);
      ContactIntake intake =
          new ContactIntake(
              db, contacts, new EventRepository(db), rejects, Clock.fixed(NOW, ZoneOffset.UTC));

      ContactIntake.Result first =
          syncCrm(
              intake,
              List.of(
                  // an international address (decomposed accents, as some CRMs store them) and a
                  // name too long for its column
                  person(
                      "7",
                      "Luci\u0301a.Garci\u0301a5@Bücher.de",
                      "611 222 333",
                      "Lucía",
                      "G".repeat(201),
                      "Y"),
                  // an address that is no address: the rest of the record stays
                  person("8", "bea@@example.org", "611 222 444", "Bea", "Bravo", "1")));
      assertThat(first.newContacts()).isEqualTo(2);
      assertThat(first.rejected()).as("no record lost").isZero();
      assertThat(first.refusedFields()).isEqualTo(2);

      Contact lucia = contacts.findByEmail("lucía.garcía5@xn--bcher-kva.de").orElseThrow();
      assertThat(lucia.email()).as("kept as typed, in NFC").isEqualTo("Lucía.García5@Bücher.de");
      assertThat(lucia.firstName()).isEqualTo("Lucía");
      assertThat(lucia.lastName()).isNull();
      assertThat(lucia.phone()).isEqualTo("+34611222333");
      assertThat(lucia.emailConsent()).isEqualTo(Consent.OPTED_OUT);

      long beaId;
      try (var c = ds.getConnection()) {
        Contact bea = contacts.bySourceRefs(c, "crm", List.of("8")).get("8");
        beaId = bea.id();
        assertThat(bea.email()).isNull();
        assertThat(bea.firstName()).isEqualTo("Bea");
        assertThat(bea.phone()).isEqualTo("+34611222444");
        assertThat(bea.emailConsent()).isEqualTo(Consent.OPTED_OUT);
      }

      // the refused fields, named, masked, and found by the contact they concern
      assertThat(rejects.forContact(beaId, 10))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.rejection().field()).isEqualTo("email");
                assertThat(r.rejection().reason())
                    .isEqualTo(
                        "email: not a valid address: needs one @ between a name and a domain");
                assertThat(r.rejection().raw()).isEqualTo("b***@example.org");
                assertThat(r.rejection().recordKept()).isTrue();
                assertThat(r.at()).isEqualTo(NOW);
              });
      assertThat(rejects.forContact(lucia.id(), 10))
          .extracting(r -> r.rejection().field() + " " + r.rejection().raw())
          .containsExactly("last_name G***");
      assertThat(rows(ds, "SELECT raw FROM rejected_record"))
          .noneMatch(raw -> raw.contains("bea@") || raw.contains("GGG"));

      // a later source brings the same addresses in other forms, subscribed: the same contacts,
      // still opted out
      ContactIntake.Result shop =
          intake.ingest(
              "shop",
              List.of(
                  shopCustomer("S1", "LUCÍA.GARCÍA5@xn--bcher-kva.DE", Consent.GRANTED),
                  shopCustomer("S2", "lucía.garcía5@BÜCHER.de", Consent.GRANTED)),
              List.of());
      assertThat(shop.newContacts()).isZero();
      assertThat(contacts.count()).isEqualTo(2);
      Contact again = contacts.findByEmail("LUCI\u0301A.GARCI\u0301A5@BÜCHER.DE").orElseThrow();
      assertThat(again.id()).isEqualTo(lucia.id());
      assertThat(again.emailConsent()).isEqualTo(Consent.OPTED_OUT);
      assertThat(again.email()).isEqualTo("Lucía.García5@Bücher.de");
      assertThat(
              rows(
                  ds,
                  "SELECT r.source || ':' || r.external_id FROM source_ref r WHERE r.contact_id = "
                      + lucia.id()))
          .containsExactlyInAnyOrder("crm:7", "shop:S1", "shop:S2");
    }
  }

  @OnBothStores
  void merges_their_undoing_and_the_suppression_list_compare_addresses_in_one_form(String kind)
      throws Exception {
    try (HikariDataSource ds = TestStores.of(kind, "winback_fields_it")) {
      Database db = new Database(ds);
      ContactRepository contacts = new ContactRepository(db);
      EventRepository events = new EventRepository(db);
      ContactIntake intake =
          new ContactIntake(
              db, contacts, events, new RejectRepository(db), Clock.fixed(NOW, ZoneOffset.UTC));

      intake.ingest(
          "loyalty",
          List.of(
              new SourceRecord(
                  new SourceContact(
                      "loyalty",
                      "L1",
                      "josé@bücher.de",
                      null,
                      "José",
                      null,
                      Consent.UNKNOWN,
                      Consent.UNKNOWN),
                  List.of())),
          List.of());
      syncCrm(intake, List.of(person("9", null, "611 222 555", null, "Bücher", "N")));
      assertThat(contacts.count()).isEqualTo(2);
      // the CRM record now has the address, typed otherwise: it ties the two contacts together
      ContactIntake.Result tie =
          syncCrm(
              intake,
              List.of(person("9", "JOSÉ@XN--BCHER-KVA.DE", "611 222 555", null, "Bücher", "N")));
      assertThat(tie.merged()).isEqualTo(1);
      assertThat(contacts.count()).isEqualTo(1);
      MergeRepository mergeRecords = new MergeRepository(db);
      List<MergeRepository.MergeRecord> merges = mergeRecords.merges(null);
      assertThat(merges.get(0).reason()).contains("email");
      assertThat(keysConsistent(ds)).isTrue();

      assertThat(mergeRecords.undoMerge(merges.get(0).id(), NOW)).isTrue();
      assertThat(contacts.count()).isEqualTo(2);
      assertThat(keysConsistent(ds)).isTrue();
      assertThat(contacts.findByEmail("josé@bücher.de")).isPresent();

      // a suppressed address blocks a message to it in whatever form it was typed
      long jose = contacts.findByEmail("josé@bücher.de").orElseThrow().id();
      String typed = contacts.find(jose).orElseThrow().email();
      OutboxRepository outbox = new OutboxRepository(db, events);
      db.inTransaction(
          "queue",
          c ->
              outbox.enqueue(
                  c,
                  List.of(
                      new OutboxRepository.NewMessage(
                          "k1",
                          jose,
                          null,
                          "j",
                          "s1",
                          Channel.EMAIL,
                          typed,
                          "email/x",
                          "Hola",
                          null,
                          null,
                          NOW)),
                  NOW));
      new SuppressionRepository(db)
          .suppress(
              Channel.EMAIL,
              "JOSE\u0301@xn--bcher-kva.de",
              SuppressionReason.UNSUBSCRIBED,
              "test",
              NOW);
      assertThat(rows(ds, "SELECT address FROM suppression"))
          .containsExactly("josé@xn--bcher-kva.de");
      assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW)).isEmpty();
      assertThat(outbox.countByChannelAndStatus()).containsEntry("email:SUPPRESSED", 1L);
    }
  }

  /** Every stored contact's email_key is the key of its email. */
  static boolean keysConsistent(HikariDataSource ds) throws Exception {
    try (var c = ds.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT email, email_key FROM contact")) {
      while (rs.next()) {
        if (!Objects.equals(EmailAddress.key(rs.getString(1)), rs.getString(2))) {
          return false;
        }
      }
      return true;
    }
  }

  static List<String> rows(HikariDataSource ds, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = ds.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) == null ? "" : rs.getString(1));
      }
    }
    return out;
  }
}
