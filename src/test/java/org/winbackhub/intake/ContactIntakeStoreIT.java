package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.store.Database;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.TestStores;

/** Intake against real stores: the same person from many sources at once is one contact. */
class ContactIntakeStoreIT {

  HikariDataSource store(String kind) throws Exception {
    return TestStores.of(kind, "winback_intake_it");
  }

  @OnBothStores
  void sources_taking_in_the_same_new_person_at_once_make_one_contact(String kind)
      throws Exception {
    try (HikariDataSource ds = store(kind)) {
      Database db = new Database(ds);
      ContactIntake intake = TestIntakes.on(db);
      int sources = 6;
      ExecutorService pool = Executors.newFixedThreadPool(sources);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < sources; i++) {
        String source = "source-" + i;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  ContactEvent e =
                      new ContactEvent(
                          source,
                          "order-1",
                          EventType.PURCHASE,
                          Instant.now(),
                          BigDecimal.ONE,
                          "EUR",
                          null);
                  return intake.ingest(
                      source,
                      List.of(
                          new SourceRecord(
                              new SourceContact(
                                  source,
                                  "id-1",
                                  "same@example.com",
                                  null,
                                  "Same",
                                  null,
                                  Consent.UNKNOWN,
                                  Consent.UNKNOWN),
                              List.of(e))),
                      List.of());
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      try (var c = ds.getConnection();
          var s = c.createStatement()) {
        var rs = s.executeQuery("SELECT COUNT(*) FROM contact");
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
        rs = s.executeQuery("SELECT COUNT(*) FROM source_ref");
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(sources);
        rs = s.executeQuery("SELECT COUNT(DISTINCT contact_id), COUNT(*) FROM contact_event");
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.getLong(2)).isEqualTo(sources);
      }
    }
  }
}
