package org.winbackhub.channel.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.model.Channel;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.offer.CouponCodes;
import org.winbackhub.offer.OfferPools;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.CouponRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.TestContacts;
import org.winbackhub.store.TestMessages;
import org.winbackhub.store.TestStores;

/**
 * Coupon pools on both stores: a file loaded once with its bad lines refused, one code per contact
 * and pool across retries and steps, two senders at once, an empty pool, and a merged contact.
 */
class CouponIssuerStoreIT {
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path config;

  /** The store, the pools of {@code config/offers.yaml} and the issuer over them. */
  final class World implements AutoCloseable {
    final HikariDataSource ds;
    final Database db;
    final OfferPools pools;
    final CouponRepository coupons;
    final CouponListing listing;
    final CouponPools loader;
    final List<String> exhausted = new CopyOnWriteArrayList<>();
    final CouponIssuer issuer;
    int messages;

    World(String store) throws Exception {
      ds = TestStores.of(store, "coupon_issuer_test");
      db = new Database(ds);
      Files.writeString(
          config.resolve("offers.yaml"),
          """
          pools:
            winback-10:
              text: "10 % en tu próxima compra"
              generate: {prefix: "WB10-", length: 8}
            spring:
              text: "Envío gratis"
              file: spring.txt
            summer:
              text: "Verano"
              file: summer.txt
          """);
      pools = OfferPools.load(config.resolve("offers.yaml"));
      coupons = new CouponRepository(db);
      listing = new CouponListing(db);
      Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
      loader = new CouponPools(pools, coupons, new RejectRepository(db), clock);
      issuer = new CouponIssuer(pools, coupons, exhausted::add, clock);
    }

    long contact(String email) {
      return TestContacts.insert(db, NOW, TestContacts.person(email, "X")).get(0);
    }

    /** A message of a step offering {@code pool} to the contact. */
    OutboxMessage message(long contactId, String pool) {
      return TestMessages.queue(
          db,
          "j:1:" + contactId + ":s" + (++messages) + ":email",
          contactId,
          Channel.EMAIL,
          "x@example.com",
          "email/x",
          pool,
          NOW);
    }

    List<Map<String, Object>> rows(String sql) {
      try {
        return TestStores.rows(ds, sql);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      ds.close();
    }
  }

  @OnBothStores
  void a_file_pool_is_loaded_once_and_a_bad_line_is_refused_with_its_file_and_line(String store)
      throws Exception {
    Files.writeString(config.resolve("spring.txt"), "SPR-001\nSPR 002\nspr-003\nSPR-004\n");
    Files.writeString(config.resolve("summer.txt"), "SUM-001\nSPR-004\n");
    try (World w = new World(store)) {
      List<CouponPools.Outcome> first = w.loader.load();
      assertThat(first).extracting(CouponPools.Outcome::added).containsExactly(3, 1);
      assertThat(first.get(0).rejected())
          .singleElement()
          .satisfies(b -> assertThat(b.line()).isEqualTo(2));
      assertThat(first.get(1).rejected())
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.line()).isEqualTo(2);
                assertThat(b.reason()).isEqualTo("the code is in pool spring");
              });
      assertThat(
              w.rows(
                  "SELECT location, line_no, reason FROM rejected_record WHERE source = 'offers'"
                      + " ORDER BY location"))
          .extracting(r -> r.get("location") + ":" + r.get("line_no") + " " + r.get("reason"))
          .containsExactly(
              config.resolve("spring.txt")
                  + ":2 pool spring: not a coupon code: 3 to 64 letters, digits or - _ . / + = #"
                  + " $ % & * @, without spaces",
              config.resolve("summer.txt") + ":2 pool summer: the code is in pool spring");

      assertThat(w.loader.load()).as("an unchanged file is not read again").isEmpty();
      Files.writeString(config.resolve("spring.txt"), "SPR-005\n", StandardOpenOption.APPEND);
      assertThat(w.loader.load())
          .singleElement()
          .satisfies(o -> assertThat(o.added()).as("only the new code").isEqualTo(1));
      assertThat(w.listing.counts())
          .extracting(CouponListing.PoolCounts::pool, CouponListing.PoolCounts::free)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("spring", 4L),
              org.assertj.core.groups.Tuple.tuple("summer", 1L));
    }
  }

  @OnBothStores
  void a_contact_keeps_one_code_per_pool_across_retries_and_steps(String store) throws Exception {
    Files.writeString(config.resolve("spring.txt"), "SPR-001\nSPR-002\n");
    try (World w = new World(store)) {
      w.loader.load();
      long ana = w.contact("ana@example.com");
      long blas = w.contact("blas@example.com");
      OutboxMessage first = w.message(ana, "winback-10");
      String code = w.issuer.code(first);
      assertThat(CouponCodes.valid(w.pools.find("winback-10").orElseThrow().generate(), code))
          .isTrue();
      assertThat(w.issuer.code(first)).as("the same message retried").isEqualTo(code);
      assertThat(w.issuer.code(w.message(ana, "winback-10")))
          .as("a later step offering the same pool")
          .isEqualTo(code);
      assertThat(w.issuer.code(w.message(blas, "winback-10"))).isNotEqualTo(code);
      assertThat(w.listing.forContact(ana))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.code()).isEqualTo(code);
                assertThat(c.outboxId())
                    .as("the message that carried it first")
                    .isEqualTo(first.id());
                assertThat(c.givenAt()).isEqualTo(NOW);
              });

      OutboxMessage spring = w.message(ana, "spring");
      String springCode = w.issuer.code(spring);
      assertThat(springCode).isIn("SPR-001", "SPR-002");
      assertThat(w.issuer.code(spring)).isEqualTo(springCode);
      assertThat(w.listing.free("spring")).isEqualTo(1);
    }
  }

  @OnBothStores
  void two_senders_at_once_never_give_one_contact_two_codes_nor_one_code_to_two(String store)
      throws Exception {
    StringBuilder codes = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      codes.append("SPR-").append(100 + i).append('\n');
    }
    Files.writeString(config.resolve("spring.txt"), codes);
    try (World w = new World(store)) {
      w.loader.load();
      List<Long> contacts = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        contacts.add(w.contact("p" + i + "@example.com"));
      }
      for (String pool : List.of("spring", "winback-10")) {
        // the same contact's message, sent by two senders at the same moment (a takeover), for
        // each contact; and different contacts by both at once
        List<OutboxMessage> messages = new ArrayList<>();
        for (long c : contacts) {
          messages.add(w.message(c, pool));
        }
        Map<Long, Set<String>> byContact = new ConcurrentHashMap<>();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
          List<Future<?>> done = new ArrayList<>();
          for (int t = 0; t < 2; t++) {
            done.add(
                senders.submit(
                    () -> {
                      for (OutboxMessage m : messages) {
                        together.await(10, TimeUnit.SECONDS);
                        String code = w.issuer.code(m);
                        byContact
                            .computeIfAbsent(m.contactId(), k -> ConcurrentHashMap.newKeySet())
                            .add(code);
                      }
                      return null;
                    }));
          }
          for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
          }
        } finally {
          senders.shutdownNow();
        }
        assertThat(byContact).hasSize(30);
        assertThat(byContact.values()).allSatisfy(s -> assertThat(s).as(pool).hasSize(1));
        Set<String> distinct = new HashSet<>();
        byContact.values().forEach(distinct::addAll);
        assertThat(distinct).as("30 contacts, 30 codes").hasSize(30);
        assertThat(
                w.rows(
                    "SELECT COUNT(*) AS n FROM coupon WHERE pool = '"
                        + pool
                        + "' AND contact_id IS NOT NULL"))
            .singleElement()
            .satisfies(r -> assertThat(((Number) r.get("n")).intValue()).isEqualTo(30));
      }
      assertThat(w.listing.free("spring")).isEqualTo(10);
    }
  }

  @OnBothStores
  void an_empty_file_pool_gives_no_code_and_says_which_pool_until_codes_are_added(String store)
      throws Exception {
    Files.writeString(config.resolve("spring.txt"), "SPR-001\n");
    try (World w = new World(store)) {
      w.loader.load();
      long ana = w.contact("ana@example.com");
      long blas = w.contact("blas@example.com");
      assertThat(w.issuer.code(w.message(ana, "spring"))).isEqualTo("SPR-001");
      OutboxMessage waiting = w.message(blas, "spring");
      assertThatThrownBy(() -> w.issuer.code(waiting))
          .isInstanceOf(CouponPoolExhausted.class)
          .hasMessage(
              "coupon pool 'spring' has no codes left: add codes to its file in offers.yaml");
      assertThat(w.exhausted).containsExactly("spring");
      assertThat(w.listing.forContact(blas)).isEmpty();

      Files.writeString(config.resolve("spring.txt"), "SPR-002\n", StandardOpenOption.APPEND);
      w.loader.load();
      assertThat(w.issuer.code(waiting)).isEqualTo("SPR-002");
    }
  }

  @OnBothStores
  void a_survivor_of_a_merge_keeps_the_code_the_merged_contact_was_given(String store)
      throws Exception {
    try (World w = new World(store)) {
      long ana = w.contact("ana@example.com");
      long ana2 = w.contact("ana.other@example.com");
      String code = w.issuer.code(w.message(ana2, "winback-10"));
      w.db.inTransaction(
          "merge",
          c ->
              c.createStatement()
                  .executeUpdate(
                      "UPDATE contact SET merged_into = " + ana + " WHERE id = " + ana2));
      assertThat(w.issuer.code(w.message(ana, "winback-10"))).isEqualTo(code);
      assertThat(w.listing.forContact(ana))
          .extracting(CouponListing.Coupon::code)
          .containsExactly(code);
    }
  }
}
