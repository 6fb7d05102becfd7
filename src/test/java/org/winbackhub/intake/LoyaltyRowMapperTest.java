package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.SourceRecord;

class LoyaltyRowMapperTest {
  static final List<String> COLUMNS = List.of(
      "card_id", "first_name", "last_name", "email", "phone", "email_opt_out", "transaction_id", "type", "occurred_at", "amount", "currency");
  final LoyaltyRowMapper mapper = new LoyaltyRowMapper(
      new LoyaltyFileFormat("loyalty", COLUMNS, ',', StandardCharsets.UTF_8, true, ZoneId.of("Europe/Madrid"), "EUR"),
      new PhoneNormalizer("ES"));

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
    SourceRecord r = mapper.map(row("LC1,Lucía,García,Lucia@Example.com,612 345 678,no,T1,purchase,2025-03-14 18:30,24.90,"));
    assertThat(r.contact().externalId()).isEqualTo("LC1");
    assertThat(r.contact().email()).isEqualTo("lucia@example.com");
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
    assertThat(mapper.map(row("LC1,,,,,,T1,visit,2025-07-01,,")).events().get(0).occurredAt()).isEqualTo(Instant.parse("2025-06-30T22:00:00Z"));
    assertThat(mapper.map(row("LC1,,,,,,T1,visit,2025-07-01T08:00:00Z,,")).events().get(0).occurredAt()).isEqualTo(Instant.parse("2025-07-01T08:00:00Z"));
  }

  @Test
  void an_opt_out_flag_opts_the_email_out() {
    for (String yes : Arrays.asList("yes", "1", "true", "Sí")) {
      assertThat(mapper.map(row("LC1,,,a@example.com,," + yes + ",T1,visit,2025-07-01,,")).contact().emailConsent()).isEqualTo(Consent.OPTED_OUT);
    }
  }

  @Test
  void a_row_without_transaction_id_gets_a_stable_event_id() {
    String id1 = mapper.map(row("LC1,,,,,,,signup,2025-07-01,,")).events().get(0).externalId();
    String id2 = mapper.map(row("LC1,,,,,,,signup,2025-07-01,,")).events().get(0).externalId();
    assertThat(id1).isEqualTo(id2).startsWith("signup:LC1:");
  }

  @Test
  void each_mistake_names_its_field() {
    assertThatThrownBy(() -> mapper.map(row(",Ana,,,,,T1,purchase,2025-07-01,1.00,"))).hasMessageStartingWith("card_id:");
    assertThatThrownBy(() -> mapper.map(row("LC1,,,,,,T1,refund,2025-07-01,1.00,"))).hasMessageStartingWith("type:").hasMessageContaining("refund");
    assertThatThrownBy(() -> mapper.map(row("LC1,,,,,,T1,purchase,14/03/2025,1.00,"))).hasMessageStartingWith("occurred_at:").hasMessageContaining("14/03/2025");
    assertThatThrownBy(() -> mapper.map(row("LC1,,,,,,T1,purchase,2025-07-01,,"))).hasMessageStartingWith("amount:");
    assertThatThrownBy(() -> mapper.map(row("LC1,,,,,,T1,purchase,2025-07-01,12.345,"))).hasMessageStartingWith("amount:");
    assertThatThrownBy(() -> mapper.map(row("LC1,,,ana@,,,T1,visit,2025-07-01,,"))).hasMessageStartingWith("email:");
    assertThatThrownBy(() -> mapper.map(row("LC1,,,,12,,T1,visit,2025-07-01,,"))).hasMessageStartingWith("phone:");
    assertThatThrownBy(() -> mapper.map(row("LC1,,,,,maybe,T1,visit,2025-07-01,,"))).hasMessageStartingWith("email_opt_out:");
    assertThatThrownBy(() -> mapper.map(row("LC1,,,,,,T1,purchase,2025-07-01,1.00,EURO"))).hasMessageStartingWith("currency:");
  }
}
