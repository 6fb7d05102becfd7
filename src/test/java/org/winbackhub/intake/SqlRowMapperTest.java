package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceContact;

/** SQL and Salesforce rows (column label to the value the driver hands back) by a mapping. */
class SqlRowMapperTest {
  static final Instant NOW = Instant.parse("2025-08-01T10:00:00Z");
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  final SqlRowMapper mapper =
      new SqlRowMapper(
          "crm",
          MADRID,
          "EUR",
          FieldRules.defaults(new PhoneNormalizer("ES"), MADRID, Clock.fixed(NOW, ZoneOffset.UTC)));
  final SourceMapping.ContactQuery contacts =
      new SourceMapping.ContactQuery(
          "SELECT * FROM people WHERE changed >= :watermark ORDER BY changed",
          "id",
          "changed",
          Map.of(
              "email",
              "mail",
              "phone",
              "mobile",
              "first_name",
              "given",
              "last_name",
              "family",
              "owner",
              "owner"),
          Map.of("email_opt_out", "no_mail", "sms_opt_out", "no_calls"));

  static Map<String, Object> row(Object... pairs) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], pairs[i + 1]);
    }
    return row;
  }

  Map<String, Object> person(Object id, Object mail, Object given, Object noMail) {
    return row(
        "id",
        id,
        "mail",
        mail,
        "mobile",
        "611 222 333",
        "given",
        given,
        "family",
        "García",
        "owner",
        "005A",
        "no_mail",
        noMail,
        "no_calls",
        true,
        "changed",
        NOW);
  }

  static List<String> refused(Mapped m) {
    return m.rejections("crm", "crm contacts", null).stream()
        .map(
            r ->
                r.field()
                    + " | "
                    + r.reason()
                    + (r.raw() == null ? "" : " [" + r.raw() + "]")
                    + (r.recordKept() ? " kept" : " lost"))
        .toList();
  }

  @Test
  void a_contact_with_an_accented_address_arrives_whole() {
    Mapped m = mapper.contact(contacts, person(7, "lucía.garcía5@example.org", "Lucía", "N"));
    SourceContact c = m.record().contact();
    assertThat(c.email()).isEqualTo("lucía.garcía5@example.org");
    assertThat(c.phone()).isEqualTo("+34611222333");
    assertThat(c.emailConsent()).isEqualTo(Consent.GRANTED);
    assertThat(c.smsConsent()).isEqualTo(Consent.OPTED_OUT);
    assertThat(m.refusals()).isEmpty();
  }

  @Test
  void a_bad_field_costs_that_field_and_the_name_phone_and_consent_arrive() {
    Mapped m =
        mapper.contact(contacts, person(7, "lucía..garcía@example.org", "L".repeat(205), "Y"));
    assertThat(refused(m))
        .containsExactly(
            "email | email: not a valid address: has an invalid name part [l***@example.org] kept",
            "first_name | first_name: longer than its column: 205 characters, at most 200 [L***]"
                + " kept");
    SourceContact c = m.record().contact();
    assertThat(c.email()).isNull();
    assertThat(c.firstName()).isNull();
    assertThat(c.lastName()).isEqualTo("García");
    assertThat(c.phone()).isEqualTo("+34611222333");
    assertThat(c.owner()).isEqualTo("005A");
    assertThat(c.emailConsent()).isEqualTo(Consent.OPTED_OUT);
    assertThat(c.smsConsent()).isEqualTo(Consent.OPTED_OUT);
    Rejection r = m.rejections("crm", "crm contacts", null).get(0);
    assertThat(r.recordKey()).isEqualTo("7");
    assertThat(r.contactKey()).isEqualTo("7");
  }

  @Test
  void an_opt_out_that_cannot_be_read_is_never_taken_as_consent() {
    Mapped m = mapper.contact(contacts, person(7, "ana@example.com", "Ana", "maybe"));
    assertThat(m.record().contact().emailConsent()).isEqualTo(Consent.OPTED_OUT);
    assertThat(refused(m))
        .containsExactly(
            "email_opt_out | email_opt_out: column no_mail: expected an opt-out flag (true/false,"
                + " 1/0, Y/N); taken as opted out until it can be read [maybe] kept");
  }

  @Test
  void only_a_row_without_a_usable_key_is_refused_whole() {
    assertThat(refused(mapper.contact(contacts, person(null, "ana@example.com", "Ana", "N"))))
        .containsExactly("id | id: missing: every contact row needs its key lost");
    Mapped tooLong =
        mapper.contact(contacts, person("K".repeat(201), "ana@example.com", "Ana", "N"));
    assertThat(tooLong.record()).isNull();
    assertThat(refused(tooLong))
        .singleElement()
        .asString()
        .startsWith("id | id: longer than the store keeps: 201 characters");
    assertThatThrownBy(() -> mapper.contact(contacts, row("id", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the query returns no column 'no_mail'");
  }

  SourceMapping.EventQuery events(EventType type) {
    return new SourceMapping.EventQuery(
        type,
        "SELECT * FROM sales WHERE changed >= :watermark ORDER BY changed",
        "no",
        "person",
        "at",
        "total",
        "cur",
        "changed");
  }

  Map<String, Object> sale(Object no, Object at, Object total, Object cur) {
    return row("no", no, "person", 7, "at", at, "total", total, "cur", cur, "changed", NOW);
  }

  @Test
  void a_bad_amount_or_date_costs_that_event_with_its_reason() {
    Object[][] cases = {
      {
        new BigDecimal("-10.00"),
        "2025-03-01",
        "EUR",
        "total | total: a purchase cannot be negative (refunds are events of their own: type"
            + " refund) [-10.00] lost"
      },
      {
        new BigDecimal("1000000.01"),
        "2025-03-01",
        "EUR",
        "total | total: out of range: above the maximum of 1000000 (hub.intake.max-amount)"
            + " [1000000.01] lost"
      },
      {"12.5x", "2025-03-01", "EUR", "total | total: expected a number [12.5x] lost"},
      {
        new BigDecimal("10.00"),
        LocalDate.of(1989, 12, 31),
        "EUR",
        "at | at: out of range: before 1990-01-01 (hub.intake.earliest-date) [1989-12-30T23:00:00Z]"
            + " lost"
      },
      {
        new BigDecimal("10.00"),
        "2025-08-03T10:00:00Z",
        "EUR",
        "at | at: out of range: more than 24 hours in the future (hub.intake.max-ahead)"
            + " [2025-08-03T10:00:00Z] lost"
      },
      {new BigDecimal("10.00"), null, "EUR", "at | at: missing: when the purchase happened lost"},
      {
        new BigDecimal("10.00"),
        "2025-03-01",
        "EURO",
        "cur | cur: expected a three-letter ISO 4217 code such as EUR [EURO] lost"
      }
    };
    for (Object[] c : cases) {
      Mapped m = mapper.event(events(EventType.PURCHASE), sale("SO-1", c[1], c[0], c[2]));
      assertThat(m.record()).as(c[3].toString()).isNull();
      assertThat(refused(m)).containsExactly((String) c[3]);
      assertThat(m.rejections("crm", "crm events", null).get(0).contactKey()).isEqualTo("7");
    }
  }

  @Test
  void an_event_id_longer_than_the_store_keeps_costs_the_event() {
    Mapped m =
        mapper.event(
            events(EventType.PURCHASE), sale("S".repeat(195), "2025-03-01", BigDecimal.TEN, "EUR"));
    assertThat(m.record()).isNull();
    assertThat(refused(m))
        .singleElement()
        .asString()
        .startsWith("no | no: the event id is longer than the store keeps: 204 characters");
  }

  @Test
  void a_refund_is_an_event_of_its_own_whichever_way_the_source_signs_it() {
    ContactEvent refund =
        mapper
            .event(
                events(EventType.REFUND),
                sale("RF-1", "2025-03-01", new BigDecimal("-12.50"), "usd"))
            .record()
            .events()
            .get(0);
    assertThat(refund.type()).isEqualTo(EventType.REFUND);
    assertThat(refund.externalId()).isEqualTo("refund:RF-1");
    assertThat(refund.amount()).isEqualByComparingTo("12.50");
    assertThat(refund.currency()).isEqualTo("USD");
  }

  @Test
  void limits_are_configurable_within_what_the_store_holds() {
    FieldRules strict =
        new FieldRules(
            new PhoneNormalizer("ES"),
            new BigDecimal("500"),
            LocalDate.of(2020, 1, 1),
            Duration.ZERO,
            MADRID,
            Clock.fixed(NOW, ZoneOffset.UTC));
    assertThatThrownBy(() -> strict.amount("total", new BigDecimal("500.01"), EventType.PURCHASE))
        .hasMessageContaining("500");
    assertThatThrownBy(() -> strict.occurredAt("at", NOW.plusSeconds(1)))
        .hasMessageContaining("in the future");
    assertThatThrownBy(() -> strict.occurredAt("at", Instant.parse("2019-12-31T22:59:59Z")))
        .hasMessageContaining("before 2020-01-01");
    assertThatThrownBy(
            () ->
                new FieldRules(
                    new PhoneNormalizer("ES"),
                    new BigDecimal("1e13"),
                    LocalDate.of(1990, 1, 1),
                    Duration.ZERO,
                    MADRID,
                    Clock.systemUTC()))
        .hasMessageContaining("hub.intake.max-amount");
  }
}
