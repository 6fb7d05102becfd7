package org.winbackhub.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.winbackhub.app.HubBeans;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.EventType;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;

/** What the demo's shop sent before the hub came: its newsletters and their opens. */
final class PastNewsletters {
  private PastNewsletters() {}

  /**
   * The shop's past newsletters, as the hub records its own sends and opens: email history for the
   * sunset rule to judge.
   */
  static int record(CamelContext camel, List<DemoData.PastSend> sends) {
    ContactRepository contacts = HubBeans.bean(camel, ContactRepository.class);
    EventRepository events = HubBeans.bean(camel, EventRepository.class);
    Database db = HubBeans.bean(camel, Database.class);
    return db.inTransaction(
        "record past newsletters",
        c -> {
          // every recipient looked up at once; a malformed row that never became a contact has none
          Map<String, Contact> byEmail =
              contacts.byEmails(
                  c,
                  sends.stream()
                      .map(send -> EmailAddress.key(send.customer().email()))
                      .distinct()
                      .toList());
          List<EventRepository.Owned> owned = new ArrayList<>();
          for (DemoData.PastSend send : sends) {
            Contact contact = byEmail.get(EmailAddress.key(send.customer().email()));
            if (contact == null) {
              continue;
            }
            String key = send.customer().cardId() + ":" + send.at().toLocalDate();
            Instant at = send.at().toInstant();
            owned.add(
                new EventRepository.Owned(
                    contact.id(),
                    new ContactEvent(
                        "newsletter", "sent:" + key, EventType.EMAIL_SENT, at, null, null, null)));
            if (send.opened()) {
              owned.add(
                  new EventRepository.Owned(
                      contact.id(),
                      new ContactEvent(
                          "newsletter",
                          "open:" + key,
                          EventType.EMAIL_OPENED,
                          at.plusSeconds(3600),
                          null,
                          null,
                          null)));
            }
          }
          return events.append(c, owned, Instant.now());
        });
  }
}
