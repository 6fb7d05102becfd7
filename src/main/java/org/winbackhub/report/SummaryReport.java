package org.winbackhub.report;

import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.RejectRepository;

/** Reads a {@link CycleSummary} from the store. */
public final class SummaryReport {
  private final ContactRepository contacts;
  private final RejectRepository rejects;
  private final FactRepository facts;
  private final PurchaseModelRepository models;
  private final OutboxRepository outbox;
  private final EventRepository events;
  private final EnrollmentRepository enrollments;

  public SummaryReport(
      ContactRepository contacts,
      RejectRepository rejects,
      FactRepository facts,
      PurchaseModelRepository models,
      OutboxRepository outbox,
      EventRepository events,
      EnrollmentRepository enrollments) {
    this.contacts = contacts;
    this.rejects = rejects;
    this.facts = facts;
    this.models = models;
    this.outbox = outbox;
    this.events = events;
    this.enrollments = enrollments;
  }

  public CycleSummary read(int rejectedToList) {
    return new CycleSummary(
        contacts.count(),
        rejects.count(),
        rejects.latest(rejectedToList),
        facts.countByLifecycle(),
        outbox.countByChannelAndStatus(),
        events.countByType("email_clicked") + events.countByType("sms_clicked"),
        enrollments.countByStatus(),
        facts.insights(),
        models.latest().orElse(null));
  }
}
