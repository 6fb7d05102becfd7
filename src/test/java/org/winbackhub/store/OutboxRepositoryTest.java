package org.winbackhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.winbackhub.store.TestContacts.person;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.model.SuppressionReason;

/** The sending ledger on a real (H2) store. */
class OutboxRepositoryTest {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  HikariDataSource ds;
  Database db;
  OutboxRepository outbox;
  List<Long> contacts;

  @BeforeEach
  void store() {
    ds = TestStores.h2();
    db = new Database(ds);
    outbox = new OutboxRepository(db, new EventRepository(db));
    contacts =
        TestContacts.insert(
            db,
            NOW,
            person("ana@example.com", "Ana"),
            person("bea@example.com", "Bea", Consent.OPTED_OUT),
            person("eva@example.com", "Eva", Consent.UNKNOWN));
    db.inTransaction(
        "queue",
        c ->
            outbox.enqueue(
                c,
                List.of(
                    message("k1", 0, "ana@example.com"),
                    message("k2", 1, "bea@example.com"),
                    message("k3", 2, "eva@example.com"),
                    message("k1", 0, "ana@example.com")),
                NOW));
  }

  @AfterEach
  void close() {
    ds.close();
  }

  OutboxRepository.NewMessage message(String key, int contact, String to) {
    return new OutboxRepository.NewMessage(
        key,
        contacts.get(contact),
        null,
        "j",
        "s1",
        Channel.EMAIL,
        to,
        "email/x",
        "Hi",
        null,
        null,
        NOW);
  }

  @Test
  void a_step_offer_travels_from_the_queue_to_the_claim() {
    db.inTransaction(
        "queue with offer",
        c ->
            outbox.enqueue(
                c,
                List.of(
                    new OutboxRepository.NewMessage(
                        "k4",
                        contacts.get(0),
                        null,
                        "j",
                        "s2",
                        Channel.EMAIL,
                        "ana@example.com",
                        "email/x",
                        "Hi",
                        "b",
                        "spring-15",
                        NOW.minusSeconds(1))),
                NOW));
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW))
        .extracting(OutboxMessage::idempotencyKey, OutboxMessage::variant, OutboxMessage::offer)
        .contains(tuple("k4", "b", "spring-15"));
  }

  @Test
  void one_row_per_key_and_the_claim_never_returns_an_opted_out_or_suppressed_address() {
    new SuppressionRepository(db)
        .suppress(Channel.EMAIL, "eva@example.com", SuppressionReason.UNSUBSCRIBED, "test", NOW);
    List<OutboxMessage> claimed = outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW);
    assertThat(claimed).extracting(OutboxMessage::recipient).containsExactly("ana@example.com");
    assertThat(outbox.countByChannelAndStatus())
        .containsEntry("email:CLAIMED", 1L)
        .containsEntry("email:SUPPRESSED", 2L);
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w2", NOW))
        .as("claimed rows are not claimed twice")
        .isEmpty();
  }

  @Test
  void a_refused_send_waits_and_is_retried_then_fails_for_good() {
    OutboxMessage m = outbox.claim(Channel.EMAIL, ClaimScope.all(), 1, "w1", NOW).get(0);
    assertThat(outbox.markSending(m, "smtp", NOW)).isTrue();
    assertThat(outbox.markFailed(m, "SMTP 451", NOW.plusSeconds(30), NOW)).isTrue();
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW.plusSeconds(10)))
        .extracting(OutboxMessage::idempotencyKey)
        .doesNotContain("k1");
    OutboxMessage again =
        outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW.plusSeconds(31)).stream()
            .filter(x -> x.idempotencyKey().equals("k1"))
            .findFirst()
            .orElseThrow();
    assertThat(again.attempts()).isEqualTo(2);
    outbox.markFailed(again, "SMTP 550", null, NOW.plusSeconds(31));
    assertThat(outbox.countByChannelAndStatus()).containsEntry("email:FAILED", 1L);
  }

  @Test
  void a_claim_takes_the_longest_due_rows_first_and_leaves_those_not_yet_due() {
    db.inTransaction(
        "queue",
        c ->
            outbox.enqueue(
                c,
                List.of(
                    new OutboxRepository.NewMessage(
                        "later",
                        contacts.get(0),
                        null,
                        "j",
                        "s2",
                        Channel.EMAIL,
                        "ana@example.com",
                        "email/x",
                        "Hi",
                        null,
                        null,
                        NOW.plusSeconds(60)),
                    new OutboxRepository.NewMessage(
                        "earlier",
                        contacts.get(0),
                        null,
                        "j",
                        "s0",
                        Channel.EMAIL,
                        "ana@example.com",
                        "email/x",
                        "Hi",
                        null,
                        null,
                        NOW.minusSeconds(60))),
                NOW));
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 2, "w1", NOW))
        .extracting(OutboxMessage::idempotencyKey)
        .containsExactly("earlier", "k1");
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW))
        .as("what is due, not what is not due yet")
        .extracting(OutboxMessage::idempotencyKey)
        .containsExactly("k3");
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW.plusSeconds(60)))
        .extracting(OutboxMessage::idempotencyKey)
        .containsExactly("later");
  }

  @Test
  void a_claim_whose_rows_were_all_suppressed_picks_again() {
    new SuppressionRepository(db)
        .suppress(Channel.EMAIL, "ana@example.com", SuppressionReason.UNSUBSCRIBED, "test", NOW);
    // the first pick (k1 to ana, k2 to bea who opted out) is all suppressed; eva's comes next
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 2, "w1", NOW))
        .extracting(OutboxMessage::recipient)
        .containsExactly("eva@example.com");
  }

  @Test
  void a_late_success_of_a_message_made_uncertain_is_recorded() {
    OutboxMessage m = outbox.claim(Channel.EMAIL, ClaimScope.all(), 1, "w1", NOW).get(0);
    assertThat(outbox.markSending(m, "smtp", NOW)).isTrue();
    assertThat(new SenderRepository(db).release("w1", NOW.plusSeconds(1)))
        .isEqualTo(new SenderRepository.Released(0, 1, List.of("w1")));
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW.plusSeconds(3)))
        .extracting(OutboxMessage::idempotencyKey)
        .doesNotContain("k1");
    assertThat(outbox.markSent(m, "<late@smtp>", NOW.plusSeconds(4)))
        .as("a late success still counts")
        .isTrue();
    assertThat(outbox.countByChannelAndStatus())
        .containsEntry("email:SENT", 1L)
        .doesNotContainKey("email:UNCERTAIN");
  }

  @Test
  void a_claim_released_before_sending_goes_back_to_pending_and_its_old_holder_may_not_send_it() {
    OutboxMessage stale = outbox.claim(Channel.EMAIL, ClaimScope.all(), 1, "w1", NOW).get(0);
    assertThat(new SenderRepository(db).release("w1", NOW.plusSeconds(1)))
        .isEqualTo(new SenderRepository.Released(1, 0, List.of("w1")));
    assertThat(outbox.countByChannelAndStatus())
        .doesNotContainKey("email:UNCERTAIN")
        .containsEntry("email:PENDING", 3L);

    OutboxMessage again =
        outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w2", NOW.plusSeconds(2)).stream()
            .filter(x -> x.idempotencyKey().equals("k1"))
            .findFirst()
            .orElseThrow();
    assertThat(outbox.markSending(stale, "smtp", NOW.plusSeconds(3)))
        .as("the old claim is gone")
        .isFalse();
    assertThat(outbox.markFailed(stale, "late failure", NOW.plusSeconds(60), NOW.plusSeconds(3)))
        .as("nor can it move the new claim")
        .isFalse();
    assertThat(outbox.markSending(again, "smtp", NOW.plusSeconds(3))).isTrue();
  }

  @Test
  void an_ambiguous_failure_while_sending_leaves_the_message_uncertain() {
    OutboxMessage m = outbox.claim(Channel.EMAIL, ClaimScope.all(), 1, "w1", NOW).get(0);
    assertThat(outbox.markUncertain(m, "not yet sending", NOW))
        .as("only a message being sent")
        .isFalse();
    assertThat(outbox.markSending(m, "smtp", NOW)).isTrue();
    assertThat(outbox.markUncertain(m, "connection reset after DATA", NOW)).isTrue();
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW.plusSeconds(3600)))
        .extracting(OutboxMessage::idempotencyKey)
        .doesNotContain("k1");
  }

  @Test
  void a_sent_message_is_recorded_with_its_provider_id_and_in_the_contact_history()
      throws Exception {
    OutboxMessage m = outbox.claim(Channel.EMAIL, ClaimScope.all(), 1, "w1", NOW).get(0);
    assertThat(outbox.markSending(m, "smtp", NOW)).isTrue();
    assertThat(outbox.markSent(m, "<abc@smtp>", NOW)).isTrue();
    assertThat(outbox.markSent(m, "<abc@smtp>", NOW)).as("once").isFalse();
    try (var c = ds.getConnection();
        var s = c.createStatement()) {
      var rs = s.executeQuery("SELECT provider_message_id FROM outbox WHERE id = " + m.id());
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("<abc@smtp>");
      rs =
          s.executeQuery(
              "SELECT COUNT(*) FROM contact_event WHERE type = 'email_sent' AND contact_id = "
                  + m.contactId());
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void a_merge_withdraws_the_merged_contacts_queued_mail_and_follows_the_survivors_opt_out()
      throws Exception {
    ContactRepository repo = new ContactRepository(db);
    Contact ana = repo.find(contacts.get(0)).orElseThrow();
    MergeRepository.MergeRow row =
        new MergeRepository.MergeRow(contacts.get(2), contacts.get(0), "test", "same person", ana);
    db.inTransaction(
        "merge",
        c -> { // the outbox's part of a merge (intake's ContactMerge does all of it)
          outbox.suppressForMerged(c, List.of(row.merged()), NOW);
          new MergeRepository(db).merge(c, List.of(row), NOW);
          return null;
        });
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW))
        .extracting(OutboxMessage::recipient)
        .containsExactly("eva@example.com");
    assertThat(outbox.countByChannelAndStatus()).containsEntry("email:SUPPRESSED", 2L);

    // mail queued for a merged contact later is held back by the survivor's opt-out
    try (var c = ds.getConnection();
        var s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE contact SET email_consent = 'OPTED_OUT' WHERE id = " + contacts.get(2));
    }
    db.inTransaction(
        "queue", c -> outbox.enqueue(c, List.of(message("k9", 0, "ana@example.com")), NOW));
    assertThat(outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w1", NOW)).isEmpty();
  }
}
