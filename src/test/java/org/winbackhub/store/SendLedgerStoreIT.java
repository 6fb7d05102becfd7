package org.winbackhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.winbackhub.store.TestContacts.person;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.model.OutboxResolution;

/** The send ledger's claims, takeovers and resolutions, on H2 and on PostgreSQL alike. */
class SendLedgerStoreIT {
  static final Duration LEASE = Duration.ofSeconds(10);
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  HikariDataSource store(String kind) throws Exception {
    return TestStores.of(kind, "winback_ledger_it");
  }

  /** {@code n} contacts with one due email each; returns the ledger. */
  static OutboxRepository queue(Database db, int n) {
    ContactRepository contacts = new ContactRepository(db);
    OutboxRepository outbox = new OutboxRepository(db, new EventRepository(db));
    db.inTransaction(
        "seed",
        c -> {
          List<Contact> people = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            people.add(person("p" + i + "@example.org", "P" + i));
          }
          List<Long> ids = contacts.insert(c, people, NOW);
          List<OutboxRepository.NewMessage> messages = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            messages.add(
                new OutboxRepository.NewMessage(
                    "k" + i,
                    ids.get(i),
                    null,
                    "j",
                    "s1",
                    Channel.EMAIL,
                    "p" + i + "@example.org",
                    "email/x",
                    "Hi",
                    null,
                    null,
                    NOW.minusSeconds(1)));
          }
          return outbox.enqueue(c, messages, NOW);
        });
    return outbox;
  }

  @OnBothStores
  void what_a_dead_sender_claimed_returns_and_what_it_was_sending_becomes_uncertain(String kind)
      throws Exception {
    try (HikariDataSource ds = store(kind)) {
      Database db = new Database(ds);
      OutboxRepository outbox = queue(db, 5);
      SenderRepository senders = new SenderRepository(db);
      assertThat(senders.beat("w1")).as("registered").isTrue();
      assertThat(senders.beat("w1")).as("renewed").isFalse();
      senders.beat("w2");
      List<OutboxMessage> held = outbox.claim(Channel.EMAIL, ClaimScope.all(), 3, "w1", NOW);
      assertThat(outbox.markSending(held.get(0), "smtp", NOW)).isTrue();

      assertThat(senders.takeOverStale(LEASE, NOW))
          .as("w1 beats: nothing to take")
          .isEqualTo(new SenderRepository.Released(0, 0, List.of()));
      execute(
          ds,
          "UPDATE outbox_sender SET heartbeat_at = heartbeat_at - INTERVAL '11' SECOND WHERE id ="
              + " 'w1'");
      assertThat(senders.takeOverStale(LEASE, NOW))
          .isEqualTo(new SenderRepository.Released(2, 1, List.of("w1")));

      assertThat(status(ds, held.get(0).id())).isEqualTo("UNCERTAIN");
      assertThat(lastError(ds, held.get(0).id()))
          .isEqualTo("maybe sent: its sender w1 died while sending it");
      List<OutboxMessage> taken = outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w2", NOW);
      assertThat(taken).extracting(OutboxMessage::id).doesNotContain(held.get(0).id()).hasSize(4);
      assertThat(outbox.markSending(held.get(1), "smtp", NOW))
          .as("the dead holder may not send it")
          .isFalse();
      assertThat(senders.beat("w1")).as("a sender taken for dead registers again").isTrue();
    }
  }

  @OnBothStores
  void claims_of_a_sender_the_store_never_knew_are_taken_over(String kind) throws Exception {
    try (HikariDataSource ds = store(kind)) {
      Database db = new Database(ds);
      OutboxRepository outbox = queue(db, 2);
      outbox.claim(
          Channel.EMAIL, ClaimScope.all(), 2, "1234@old-host", NOW); // claimed before senders beat
      assertThat(new SenderRepository(db).takeOverStale(LEASE, NOW))
          .isEqualTo(new SenderRepository.Released(2, 0, List.of()));
      assertThat(outbox.countByChannelAndStatus()).containsEntry("email:PENDING", 2L);
    }
  }

  @OnBothStores
  void senders_claiming_at_once_never_get_the_same_row(String kind) throws Exception {
    try (HikariDataSource ds = store(kind)) {
      Database db = new Database(ds);
      OutboxRepository outbox = queue(db, 300);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<List<Long>>> claims = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String sender = "w" + w;
        claims.add(
            pool.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  for (List<OutboxMessage> batch;
                      !(batch = outbox.claim(Channel.EMAIL, ClaimScope.all(), 8, sender, NOW))
                          .isEmpty(); ) {
                    batch.forEach(m -> mine.add(m.id()));
                  }
                  return mine;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : claims) {
        all.addAll(f.get());
      }
      pool.shutdown();
      assertThat(all).hasSize(300).doesNotHaveDuplicates();
    }
  }

  @OnBothStores
  void an_operator_resolves_uncertain_messages_and_each_decision_is_kept_with_who_and_when(
      String kind) throws Exception {
    try (HikariDataSource ds = store(kind)) {
      Database db = new Database(ds);
      OutboxRepository outbox = queue(db, 4);
      List<OutboxMessage> m = outbox.claim(Channel.EMAIL, ClaimScope.all(), 4, "w1", NOW);
      for (OutboxMessage x : m.subList(0, 3)) {
        outbox.markSending(x, "smtp", NOW);
        outbox.markUncertain(x, "maybe sent, not retried: connection reset after DATA", NOW);
      }
      outbox.markSending(m.get(3), "smtp", NOW);
      outbox.markSent(m.get(3), "<ok@smtp>", NOW);
      OutboxResolutions resolutions = new OutboxResolutions(db, new EventRepository(db));
      assertThat(resolutions.uncertain())
          .extracting(OutboxResolutions.Uncertain::id)
          .containsExactly(m.get(0).id(), m.get(1).id(), m.get(2).id());
      assertThat(resolutions.uncertain().get(0).why())
          .isEqualTo("maybe sent, not retried: connection reset after DATA");

      Instant later = NOW.plusSeconds(600);
      assertThat(resolutions.resolve(m.get(0).id(), OutboxResolution.RESEND, "ana", later))
          .isEmpty();
      assertThat(resolutions.resolve(m.get(1).id(), OutboxResolution.MARK_SENT, "ana", later))
          .isEmpty();
      assertThat(resolutions.resolve(m.get(2).id(), OutboxResolution.DROP, "bea", later)).isEmpty();
      assertThat(resolutions.resolve(m.get(3).id(), OutboxResolution.RESEND, "bea", later))
          .hasValue("outbox message " + m.get(3).id() + " is SENT, not UNCERTAIN: left as it is");
      assertThat(resolutions.resolve(999_999, OutboxResolution.DROP, "bea", later))
          .hasValue("no outbox message 999999");

      assertThat(resolutions.uncertain()).isEmpty();
      assertThat(resolutions.resolved())
          .extracting(r -> r.outboxId() + " " + r.action() + " " + r.by() + " " + r.statusNow())
          .containsExactly(
              m.get(2).id() + " DROP bea DROPPED",
              m.get(1).id() + " MARK_SENT ana SENT",
              m.get(0).id() + " RESEND ana PENDING");
      assertThat(resolutions.resolved().get(2).why())
          .isEqualTo("maybe sent, not retried: connection reset after DATA");
      assertThat(resolutions.resolved().get(2).at()).isEqualTo(later);
      assertThat(
              count(
                  ds,
                  "SELECT COUNT(*) FROM contact_event WHERE type = 'email_sent' AND contact_id = "
                      + m.get(1).contactId()))
          .as("marked sent: in the contact's history")
          .isEqualTo(1);

      List<OutboxMessage> again = outbox.claim(Channel.EMAIL, ClaimScope.all(), 10, "w2", later);
      assertThat(again)
          .as("only the one to resend, never the dropped one")
          .extracting(OutboxMessage::id)
          .containsExactly(m.get(0).id());
      assertThat(again.get(0).attempts()).as("a new claim").isEqualTo(2);
      assertThat(outbox.markSent(m.get(0), "<late@smtp>", later))
          .as("the old claim can no longer record it")
          .isFalse();
    }
  }

  @Test
  void a_postgresql_session_without_synchronous_commit_is_reported() throws Exception {
    String url = TestStores.freshSchema("winback_ledger_async");
    try (HikariDataSource durable = pool(url, null);
        HikariDataSource relaxed = pool(url, "SET synchronous_commit = off")) {
      assertThat(new Database(durable).delayedCommits()).isEmpty();
      assertThat(new Database(relaxed).delayedCommits())
          .hasValueSatisfying(w -> assertThat(w).contains("synchronous_commit = off"));
    }
  }

  private static HikariDataSource pool(String url, String init) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(TestStores.PG_USER);
    config.setMaximumPoolSize(1);
    config.setConnectionInitSql(init);
    return new HikariDataSource(config);
  }

  static void execute(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  static long count(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String status(HikariDataSource ds, long id) throws Exception {
    return text(ds, "SELECT status FROM outbox WHERE id = " + id);
  }

  static String lastError(HikariDataSource ds, long id) throws Exception {
    return text(ds, "SELECT last_error FROM outbox WHERE id = " + id);
  }

  private static String text(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
