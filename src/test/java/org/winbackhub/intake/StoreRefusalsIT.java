package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.store.Database;
import org.winbackhub.store.OnBothStores;
import org.winbackhub.store.StoreException;
import org.winbackhub.store.TestStores;

/**
 * Records that slip past the mappers with values the store cannot hold (a 300-character name, an
 * amount of 10^12 in NUMERIC(14,2)) cost themselves, not their batch, on both stores.
 */
class StoreRefusalsIT {
  static final String LONG_NAME = "Ana" + "a".repeat(297);

  static SourceRecord purchase(String id, String firstName, String amount) {
    SourceContact who =
        new SourceContact(
            "shop",
            "K" + id,
            id + "@example.com",
            null,
            firstName,
            null,
            Consent.UNKNOWN,
            Consent.UNKNOWN);
    return new SourceRecord(
        who,
        List.of(
            new ContactEvent(
                "shop",
                "purchase:" + id,
                EventType.PURCHASE,
                Instant.parse("2024-10-01T10:00:00Z"),
                new BigDecimal(amount),
                "EUR",
                null)));
  }

  static Rejection origin(String id) {
    return new Rejection("shop", "shop orders", null, id, null, null);
  }

  @OnBothStores
  void
      a_batch_the_store_refuses_for_one_record_keeps_the_others_and_rejects_that_one_without_its_value(
          String store) throws Exception {
    try (HikariDataSource ds = TestStores.of(store, "store_refusals_test")) {
      Database db = new Database(ds);
      ContactIntake intake = TestIntakes.on(db);
      List<SourceRecord> records =
          List.of(
              purchase("1", "Ana", "10.00"),
              purchase("2", "Blas", "1000000000000.00"),
              purchase("3", LONG_NAME, "12.00"),
              purchase("4", "Dario", "14.00"));
      List<Rejection> origins = List.of(origin("1"), origin("2"), origin("3"), origin("4"));
      List<Rejection> refused = new ArrayList<>();
      List<Boolean> lastWrites = new ArrayList<>();

      ContactIntake.Result r =
          StoreRefusals.write(
              records,
              origins,
              List.of(
                  new Rejection(
                      "shop", "shop orders", null, "9", "total_price: not a number", null)),
              refused::add,
              (recs, rejs, last) -> {
                lastWrites.add(last);
                return intake.ingest("shop", recs, rejs);
              });

      assertThat(r.newEvents()).isEqualTo(2);
      assertThat(refused).extracting(Rejection::recordKey).containsExactly("2", "3");
      assertThat(refused.get(0).reason())
          .matches("store: (a number is out of range|a value is too long for column amount)")
          .doesNotContain("1000000000000");
      assertThat(refused.get(1).reason())
          .startsWith("store: a value is too long")
          .doesNotContain("Ana");
      // the batch, then each record alone, then the rejections in one last write
      assertThat(lastWrites).containsExactly(true, false, false, false, false, true);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        ResultSet rs = s.executeQuery("SELECT external_id FROM contact_event ORDER BY external_id");
        List<String> events = new ArrayList<>();
        while (rs.next()) {
          events.add(rs.getString(1));
        }
        assertThat(events).containsExactly("purchase:1", "purchase:4");
        rs = s.executeQuery("SELECT record_key, reason FROM rejected_record ORDER BY record_key");
        List<String> rejects = new ArrayList<>();
        while (rs.next()) {
          rejects.add(rs.getString(1) + " " + rs.getString(2));
        }
        assertThat(rejects).hasSize(3);
        assertThat(rejects.get(2)).isEqualTo("9 total_price: not a number");
        assertThat(String.join("\n", rejects))
            .doesNotContain("1000000000000")
            .doesNotContain(LONG_NAME);
      }
    }
  }

  @Test
  void a_store_that_is_down_is_not_the_records_fault_and_fails_the_write() {
    HikariDataSource ds = TestStores.h2();
    Database db = new Database(ds);
    ContactIntake intake = TestIntakes.on(db);
    ds.close();
    List<Rejection> refused = new ArrayList<>();
    assertThatThrownBy(
            () ->
                StoreRefusals.write(
                    List.of(purchase("1", "Ana", "10.00")),
                    List.of(origin("1")),
                    List.of(),
                    refused::add,
                    (recs, rejs, last) -> intake.ingest("shop", recs, rejs)))
        .isInstanceOf(StoreException.class);
    assertThat(refused).isEmpty();
  }
}
