package org.winbackhub.intake.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.Mapped;
import org.winbackhub.intake.PhoneNormalizer;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.SourceRecord;

class LoyaltyRowMapperTest {
  static final List<String> COLUMNS =
      List.of(
          "card_id",
          "first_name",
          "last_name",
          "email",
          "phone",
          "email_opt_out",
          "transaction_id",
          "type",
          "occurred_at",
          "amount",
          "currency");
  static final Instant NOW = Instant.parse("2025-08-01T10:00:00Z");
  final LoyaltyRowMapper mapper =
      new LoyaltyRowMapper(
          new LoyaltyFileFormat(
              "loyalty",
              COLUMNS,
              ',',
              StandardCharsets.UTF_8,
              true,
              ZoneId.of("Europe/Madrid"),
              "EUR"),
          FieldRules.defaults(
              new PhoneNormalizer("ES"),
              ZoneId.of("Europe/Madrid"),
              Clock.fixed(NOW, ZoneOffset.UTC)));

  static Map<String, String> row(String csv) {
    String[] v = csv.split(",", -1);
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < COLUMNS.size(); i++) {
      m.put(COLUMNS.get(i), v[i]);
    }
    return m;
  }

  @Test
  void a_purchase_row_becomes_a_normalized_contact_and_a_purchase() {
    SourceRecord r =
        mapper
            .map(
                row(
                    "LC1,Lucía,García,Lucia@Example.com,612 345 678,no,T1,purchase,2025-03-14"
                        + " 18:30,24.90,"))
            .record();
    assertThat(r.contact().externalId()).isEqualTo("LC1");
    assertThat(r.contact().email()).isEqualTo("Lucia@Example.com"); // as typed; compared by its key
    assertThat(r.contact().phone()).isEqualTo("+34612345678");
    assertThat(r.contact().emailConsent()).isEqualTo(Consent.GRANTED);
    ContactEvent e = r.events().get(0);
    assertThat(e.type()).isEqualTo(EventType.PURCHASE);
    assertThat(e.externalId()).isEqualTo("T1");
    assertThat(e.amount()).isEqualByComparingTo("24.90");
    assertThat(e.currency()).isEqualTo("EUR");
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-03-14T17:30:00Z"));
  }

  @Test
  void dates_may_be_days_local_times_or_instants() {
    assertThat(
            mapper.map(row("LC1,,,,,,T1,visit,2025-07-01,,")).record().events().get(0).occurredAt())
        .isEqualTo(Instant.parse("2025-06-30T22:00:00Z"));
    assertThat(
            mapper
                .map(row("LC1,,,,,,T1,visit,2025-07-01T08:00:00Z,,"))
                .record()
                .events()
                .get(0)
                .occurredAt())
        .isEqualTo(Instant.parse("2025-07-01T08:00:00Z"));
  }

  @Test
  void an_opt_out_flag_opts_the_email_out() {
    for (String yes : Arrays.asList("yes", "1", "true", "Sí")) {
      assertThat(
              mapper
                  .map(row("LC1,,,a@example.com,," + yes + ",T1,visit,2025-07-01,,"))
                  .record()
                  .contact()
                  .emailConsent())
          .isEqualTo(Consent.OPTED_OUT);
    }
  }

  @Test
  void a_row_without_transaction_id_gets_a_stable_event_id() {
    String id1 =
        mapper.map(row("LC1,,,,,,,signup,2025-07-01,,")).record().events().get(0).externalId();
    String id2 =
        mapper.map(row("LC1,,,,,,,signup,2025-07-01,,")).record().events().get(0).externalId();
    assertThat(id1).isEqualTo(id2).startsWith("signup:LC1:");
  }

  /** The refusals of a row as "field: reason [value] kept|lost". */
  static List<String> refused(Mapped m) {
    return m.rejections("loyalty", "export.csv", 2L).stream()
        .map(
            r ->
                r.reason()
                    + (r.raw() == null ? "" : " [" + r.raw() + "]")
                    + (r.recordKept() ? " kept" : " lost"))
        .toList();
  }

  @Test
  void a_bad_contact_field_costs_that_field_and_the_rest_arrives() {
    String longName = "L" + "u".repeat(250);
    Mapped m =
        mapper.map(row("LC1," + longName + ",García,ana@,12,yes,T1,purchase,2025-07-01,1.00,"));
    assertThat(refused(m))
        .containsExactly(
            "email: not a valid address: needs one @ between a name and a domain [a***@] kept",
            "phone: not a valid number for its region [***] kept",
            "first_name: longer than its column: 251 characters, at most 200 [L***] kept");
    SourceRecord r = m.record();
    assertThat(r.contact().firstName()).isNull();
    assertThat(r.contact().lastName()).isEqualTo("García");
    assertThat(r.contact().email()).isNull();
    assertThat(r.contact().emailConsent()).isEqualTo(Consent.OPTED_OUT);
    assertThat(r.events()).hasSize(1);
    assertThat(m.lost()).isFalse();
    assertThat(m.rejections("loyalty", "export.csv", 2L))
        .allSatisfy(
            j -> {
              assertThat(j.recordKey()).isEqualTo("LC1");
              assertThat(j.contactKey()).isEqualTo("LC1");
              assertThat(j.lineNo()).isEqualTo(2L);
            });
  }

  @Test
  void a_bad_type_date_amount_or_currency_costs_the_event_and_the_card_holder_still_arrives() {
    String[][] cases = {
      {
        "LC1,Ana,,,,yes,T1,refundd,2025-07-01,1.00,",
        "type: expected purchase, refund, visit, complaint or signup [refundd] lost"
      },
      {
        "LC1,Ana,,,,yes,T1,purchase,14/03/2025,1.00,",
        "occurred_at: expected a date like 2025-03-14 or 2025-03-14 18:30 [14/03/2025] lost"
      },
      {
        "LC1,Ana,,,,yes,T1,purchase,1900-01-01T00:00:00Z,1.00,",
        "occurred_at: out of range: before 1990-01-01 (hub.intake.earliest-date)"
            + " [1900-01-01T00:00:00Z] lost"
      },
      {
        "LC1,Ana,,,,yes,T1,purchase,9999-01-01T00:00:00Z,1.00,",
        "occurred_at: out of range: more than 24 hours in the future (hub.intake.max-ahead)"
            + " [9999-01-01T00:00:00Z] lost"
      },
      {"LC1,Ana,,,,yes,T1,purchase,2025-07-01,,", "amount: a purchase needs an amount lost"},
      {
        "LC1,Ana,,,,yes,T1,purchase,2025-07-01,12.345,",
        "amount: more than 2 decimals [12.345] lost"
      },
      {
        "LC1,Ana,,,,yes,T1,purchase,2025-07-01,-3.00,",
        "amount: a purchase cannot be negative (refunds are events of their own: type refund)"
            + " [-3.00] lost"
      },
      {
        "LC1,Ana,,,,yes,T1,purchase,2025-07-01,1e12,",
        "amount: out of range: above the maximum of 1000000 (hub.intake.max-amount) [1000000000000]"
            + " lost"
      },
      {
        "LC1,Ana,,,,yes,T1,purchase,2025-07-01,1.00,EURO",
        "currency: expected a three-letter ISO 4217 code such as EUR [EURO] lost"
      },
      {
        "LC1,Ana,,,,yes," + "T".repeat(201) + ",purchase,2025-07-01,1.00,",
        "transaction_id: the event id is longer than the store keeps: 201 characters, at most 200 ["
            + "T".repeat(40)
            + "...] lost"
      }
    };
    for (String[] c : cases) {
      Mapped m = mapper.map(row(c[0]));
      assertThat(refused(m)).as(c[0]).containsExactly(c[1]);
      assertThat(m.lost()).isTrue();
      assertThat(m.record().events()).as(c[0]).isEmpty();
      assertThat(m.record().contact().firstName()).isEqualTo("Ana");
      assertThat(m.record().contact().emailConsent()).isEqualTo(Consent.OPTED_OUT);
    }
  }

  @Test
  void a_refund_is_an_event_of_its_own_with_the_money_given_back() {
    ContactEvent e =
        mapper.map(row("LC1,,,,,,R1,refund,2025-07-01,-12.50,")).record().events().get(0);
    assertThat(e.type()).isEqualTo(EventType.REFUND);
    assertThat(e.amount()).isEqualByComparingTo("12.50");
    assertThat(e.externalId()).isEqualTo("R1");
  }

  @Test
  void an_opt_out_that_cannot_be_read_is_taken_as_opted_out_and_said_so() {
    Mapped m = mapper.map(row("LC1,Ana,,ana@example.com,,maybe,T1,visit,2025-07-01,,"));
    assertThat(m.record().contact().emailConsent()).isEqualTo(Consent.OPTED_OUT);
    assertThat(refused(m))
        .containsExactly(
            "email_opt_out: expected yes/no, true/false or 1/0; taken as opted out until it can be"
                + " read [maybe] kept");
    assertThat(m.record().events()).hasSize(1);
  }

  @Test
  void only_a_row_without_a_usable_card_id_is_refused_whole() {
    Mapped none = mapper.map(row(",Ana,,ana@example.com,,yes,T1,purchase,2025-07-01,1.00,"));
    assertThat(none.record()).isNull();
    assertThat(refused(none)).containsExactly("card_id: missing: every row needs the card id lost");
    Mapped tooLong = mapper.map(row("C" + "9".repeat(200) + ",Ana,,,,,T1,visit,2025-07-01,,"));
    assertThat(tooLong.record()).isNull();
    assertThat(refused(tooLong))
        .singleElement()
        .asString()
        .startsWith("card_id: longer than the store keeps: 201 characters");
  }
}
