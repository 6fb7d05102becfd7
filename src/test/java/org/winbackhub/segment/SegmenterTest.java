package org.winbackhub.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.TestStores;

/** The set-based SQL classification agrees with the classifier, contact by contact. */
class SegmenterTest {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  @Test
  void every_contact_gets_the_lifecycle_the_classifier_gives_it() throws Exception {
    try (HikariDataSource ds = TestStores.h2()) {
      Database db = new Database(ds);
      ContactRepository contacts = new ContactRepository(db);
      EventRepository events = new EventRepository(db);
      InactivityPolicy policy = new InactivityPolicy(null, null, null, "Europe/Madrid");
      int[] daysAgo = {-1, 0, 1, 60, 89, 92, 95, 200, 364, 366, 400, 900};
      List<Long> ids = new ArrayList<>();
      db.inTransaction("seed", c -> {
        List<Contact> people = new ArrayList<>();
        for (int i = 0; i < daysAgo.length; i++) {
          people.add(new Contact(0, "p" + i + "@example.com", null, "P" + i, null, Consent.GRANTED, Consent.UNKNOWN));
        }
        ids.addAll(contacts.insert(c, people, NOW));
        List<EventRepository.Owned> owned = new ArrayList<>();
        for (int i = 0; i < daysAgo.length; i++) {
          if (daysAgo[i] < 0) {
            owned.add(new EventRepository.Owned(ids.get(i), new ContactEvent("t", "s" + i, EventType.SIGNUP, NOW.minus(30, ChronoUnit.DAYS), null, null, null)));
            continue; // signed up, never engaged
          }
          EventType type = i % 3 == 0 ? EventType.VISIT : (i % 3 == 1 ? EventType.PURCHASE : EventType.EMAIL_CLICKED);
          owned.add(new EventRepository.Owned(ids.get(i), new ContactEvent("t", "e" + i, type, NOW.minus(daysAgo[i], ChronoUnit.DAYS), BigDecimal.TEN, "EUR", null)));
          // an old purchase does not make anyone more recent
          owned.add(new EventRepository.Owned(ids.get(i), new ContactEvent("t", "old" + i, EventType.PURCHASE, NOW.minus(1000, ChronoUnit.DAYS), BigDecimal.ONE, "EUR", null)));
        }
        events.append(c, owned, NOW);
        return null;
      });

      FactRepository facts = new FactRepository(db);
      new Segmenter(facts, policy, Clock.fixed(NOW, ZoneOffset.UTC)).refresh();

      RecencyClassifier classifier = new RecencyClassifier(policy);
      for (int i = 0; i < daysAgo.length; i++) {
        FactRepository.Facts f = facts.find(ids.get(i)).orElseThrow();
        Instant last = daysAgo[i] < 0 ? null : NOW.minus(daysAgo[i], ChronoUnit.DAYS);
        Lifecycle expected = classifier.classify(last, NOW);
        assertThat(f.lifecycle()).as("contact %d days ago", daysAgo[i]).isEqualTo(expected.name());
        assertThat(f.lastActivityAt()).isEqualTo(last);
        assertThat(f.lifecycleReason()).isNotBlank();
      }
      assertThat(facts.countByLifecycle()).containsOnlyKeys("ACTIVE", "LAPSED", "DORMANT", "NEVER_ENGAGED");
      FactRepository.Facts buyer = facts.find(ids.get(1)).orElseThrow();
      assertThat(buyer.purchaseCount()).isEqualTo(2);
      assertThat(buyer.totalSpend()).isEqualByComparingTo("11.00");
    }
  }
}
