package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.FieldSources;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

class IdentityResolverTest {
  final IdentityResolver resolver = new IdentityResolver();

  /** What the store knows, in memory. */
  static final class Known implements IdentityResolver.Known {
    final Map<String, Contact> refs = new HashMap<>();
    final Map<String, Contact> emails = new HashMap<>();
    final Map<String, Contact> phones = new HashMap<>();

    Known with(Contact c, String ref) {
      if (ref != null) {
        refs.put(ref, c);
      }
      if (c.email() != null) {
        emails.put(c.email(), c);
      }
      if (c.phone() != null) {
        phones.put(c.phone(), c);
      }
      return this;
    }

    @Override
    public Contact bySourceRef(String externalId) {
      return refs.get(externalId);
    }

    @Override
    public Contact byEmail(String email) {
      return emails.get(email);
    }

    @Override
    public Contact byPhone(String phone) {
      return phones.get(phone);
    }
  }

  static SourceRecord row(
      String card, String email, String phone, String first, Consent emailConsent, String txn) {
    ContactEvent e =
        new ContactEvent(
            "loyalty",
            txn,
            EventType.PURCHASE,
            Instant.parse("2025-01-01T10:00:00Z"),
            BigDecimal.TEN,
            "EUR",
            null);
    return new SourceRecord(
        new SourceContact(
            "loyalty", card, email, phone, first, null, emailConsent, Consent.UNKNOWN),
        txn == null ? List.of() : List.of(e));
  }

  /** A stored contact whose known fields came from the loyalty system, as the store records. */
  static Contact stored(long id, String email, String phone, String first) {
    return new Contact(
        id,
        email,
        phone,
        first,
        null,
        Consent.GRANTED,
        Consent.UNKNOWN,
        new FieldSources(
            email == null ? null : "loyalty",
            phone == null ? null : "loyalty",
            first == null ? null : "loyalty",
            null));
  }

  @Test
  void rows_of_one_card_in_a_batch_are_one_new_person_with_all_their_events() {
    var people =
        resolver.resolve(
            List.of(
                row("C1", "ana@example.com", null, "Ana", Consent.UNKNOWN, "T1"),
                row("C1", "ana@example.com", null, "Ana", Consent.UNKNOWN, "T2")),
            new Known());
    assertThat(people)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.isNew()).isTrue();
              assertThat(p.events())
                  .extracting(ContactEvent::externalId)
                  .containsExactly("T1", "T2");
              assertThat(p.refs()).containsExactly("C1");
            });
  }

  @Test
  void a_record_that_ties_two_contacts_together_merges_them_into_the_oldest() {
    Known known =
        new Known()
            .with(
                new Contact(1, null, "+34612345678", "Ana", null, Consent.GRANTED, Consent.UNKNOWN),
                "C1")
            .with(
                new Contact(
                    2, "ana@example.com", null, null, "Alba", Consent.OPTED_OUT, Consent.UNKNOWN),
                null);
    var people =
        resolver.resolve(
            List.of(row("C1", "ana@example.com", null, null, Consent.UNKNOWN, "T1")), known);
    assertThat(people)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.contact().id()).isEqualTo(1);
              assertThat(p.contact().email()).isEqualTo("ana@example.com");
              assertThat(p.contact().lastName()).isEqualTo("Alba");
              assertThat(p.contact().emailConsent())
                  .as("the opt-out of the merged contact stays")
                  .isEqualTo(Consent.OPTED_OUT);
              assertThat(p.merges())
                  .singleElement()
                  .satisfies(
                      m -> {
                        assertThat(m.merged().id()).isEqualTo(2);
                        assertThat(m.survivorBefore().id()).isEqualTo(1);
                        assertThat(m.reason())
                            .isEqualTo("same person by source id loyalty:C1 and email");
                      });
              assertThat(p.events()).hasSize(1);
            });
  }

  @Test
  void a_person_seen_in_a_batch_before_a_matching_stored_contact_is_folded_into_it() {
    Known known = new Known().with(stored(9, "gala@example.com", null, "Gala"), null);
    var people =
        resolver.resolve(
            List.of(
                row("C7", null, "+34612345678", "Gala", Consent.UNKNOWN, "T7"),
                row("C7", "gala@example.com", null, null, Consent.UNKNOWN, "T8")),
            known);
    assertThat(people)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.contact().id()).isEqualTo(9);
              assertThat(p.contact().phone()).isEqualTo("+34612345678");
              assertThat(p.events())
                  .extracting(ContactEvent::externalId)
                  .containsExactly("T7", "T8");
              assertThat(p.merges()).isEmpty();
              assertThat(p.newRefs()).containsExactly("C7");
            });
  }

  @Test
  void a_new_card_with_a_known_email_is_that_contact_and_gains_the_reference() {
    Known known = new Known().with(stored(7, "ana@example.com", null, "Ana"), null);
    var people =
        resolver.resolve(
            List.of(row("C9", "ana@example.com", "+34612345678", null, Consent.UNKNOWN, "T1")),
            known);
    assertThat(people)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.isNew()).isFalse();
              assertThat(p.contact().id()).isEqualTo(7);
              assertThat(p.contact().phone()).isEqualTo("+34612345678");
              assertThat(p.changed()).isTrue();
              assertThat(p.refs()).containsExactly("C9");
              assertThat(p.newRefs()).containsExactly("C9");
            });
  }

  @Test
  void a_known_phone_matches_when_there_is_no_email() {
    Known known = new Known().with(stored(3, null, "+34612345678", "Gala"), null);
    var people =
        resolver.resolve(
            List.of(row("C8", null, "+34612345678", null, Consent.UNKNOWN, "T8")), known);
    assertThat(people).singleElement().satisfies(p -> assertThat(p.contact().id()).isEqualTo(3));
  }

  @Test
  void two_cards_sharing_a_phone_in_one_batch_are_one_person() {
    var people =
        resolver.resolve(
            List.of(
                row("C7", "gala@example.com", "+34612345678", "Gala", Consent.UNKNOWN, "T7"),
                row("C8", null, "+34612345678", null, Consent.UNKNOWN, "T8")),
            new Known());
    assertThat(people)
        .singleElement()
        .satisfies(p -> assertThat(p.refs()).containsExactly("C7", "C8"));
  }

  @Test
  void known_values_stay_and_blanks_are_filled() {
    Known known = new Known().with(stored(5, "ana@example.com", null, "Ana"), "C1");
    var people =
        resolver.resolve(
            List.of(row("C1", "ana@example.com", "+34612345678", "Anita", Consent.UNKNOWN, null)),
            known);
    assertThat(people.get(0).contact().firstName()).isEqualTo("Ana");
    assertThat(people.get(0).contact().phone()).isEqualTo("+34612345678");
  }

  @Test
  void an_opt_out_from_any_record_wins_and_is_never_undone_by_a_later_opt_in() {
    Known known = new Known().with(stored(5, "ana@example.com", null, "Ana"), "C1");
    var people =
        resolver.resolve(
            List.of(
                row("C1", "ana@example.com", null, null, Consent.OPTED_OUT, null),
                row("C1", "ana@example.com", null, null, Consent.GRANTED, null)),
            known);
    assertThat(people.get(0).contact().emailConsent()).isEqualTo(Consent.OPTED_OUT);
  }

  @Test
  void an_unchanged_known_contact_needs_no_update() {
    Known known = new Known().with(stored(5, "ana@example.com", null, "Ana"), "C1");
    var people =
        resolver.resolve(
            List.of(row("C1", "ana@example.com", null, "Ana", Consent.GRANTED, "T1")), known);
    assertThat(people.get(0).changed()).isFalse();
    assertThat(people.get(0).newRefs()).as("the reference is already stored").isEmpty();
  }

  @Test
  void
      a_source_with_precedence_replaces_a_name_from_a_lesser_source_and_records_where_it_came_from() {
    SourcePrecedence crmFirst = new SourcePrecedence(Map.of("first_name", List.of("crm")));
    IdentityResolver withRules = new IdentityResolver(crmFirst);
    Contact fromLoyalty =
        new Contact(
            5,
            "ana@example.com",
            null,
            "Anita",
            null,
            Consent.GRANTED,
            Consent.UNKNOWN,
            new FieldSources("loyalty", null, "loyalty", null));
    Known known = new Known().with(fromLoyalty, null);
    SourceRecord crm =
        new SourceRecord(
            new SourceContact(
                "crm",
                "P1",
                "ana@example.com",
                null,
                "Ana",
                "Alba",
                Consent.UNKNOWN,
                Consent.UNKNOWN),
            List.of());
    Contact merged = withRules.resolve(List.of(crm), known).get(0).contact();
    assertThat(merged.firstName()).isEqualTo("Ana");
    assertThat(merged.lastName()).isEqualTo("Alba");
    assertThat(merged.sources().encode()).isEqualTo("email=loyalty,first_name=crm,last_name=crm");

    // the loyalty system cannot take the name back; without a rule the known value stays
    SourceRecord loyalty =
        new SourceRecord(
            new SourceContact(
                "loyalty",
                "C1",
                "ana@example.com",
                null,
                "Anita",
                null,
                Consent.UNKNOWN,
                Consent.UNKNOWN),
            List.of());
    Known afterCrm =
        new Known()
            .with(
                new Contact(
                    5,
                    merged.email(),
                    null,
                    merged.firstName(),
                    merged.lastName(),
                    Consent.GRANTED,
                    Consent.UNKNOWN,
                    merged.sources()),
                null);
    assertThat(withRules.resolve(List.of(loyalty), afterCrm).get(0).contact().firstName())
        .isEqualTo("Ana");
    assertThat(resolver.resolve(List.of(crm), known).get(0).contact().firstName())
        .isEqualTo("Anita");
  }

  @Test
  void precedence_names_only_known_fields() {
    Assertions.assertThatThrownBy(() -> new SourcePrecedence(Map.of("nickname", List.of("crm"))))
        .hasMessageContaining("unknown field 'nickname'");
  }

  @Test
  void a_known_card_seen_after_a_new_card_with_the_same_email_keeps_its_contact() {
    Known known = new Known().with(stored(7, null, null, "Gala"), "C7");
    var people =
        resolver.resolve(
            List.of(
                row("C1", "x@example.com", null, null, Consent.UNKNOWN, "T1"),
                row("C7", "x@example.com", null, null, Consent.UNKNOWN, "T7")),
            known);
    assertThat(people)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.contact().id()).isEqualTo(7);
              assertThat(p.contact().email()).isEqualTo("x@example.com");
              assertThat(p.events())
                  .extracting(ContactEvent::externalId)
                  .containsExactly("T1", "T7");
              assertThat(p.newRefs()).containsExactly("C1");
            });
  }
}
