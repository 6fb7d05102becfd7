package org.winbackhub.app;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.winbackhub.report.SummaryReport;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.PurchaseModelRepository;
import org.winbackhub.store.RejectRepository;

/** The campaign summary the cycle logs and the demo prints. */
public final class ReportBeans implements CamelConfiguration {

  @BindToRegistry("summaryReport")
  public SummaryReport summaryReport(
      ContactRepository contacts,
      RejectRepository rejects,
      FactRepository facts,
      PurchaseModelRepository models,
      OutboxRepository outbox,
      EventRepository events,
      EnrollmentRepository enrollments) {
    return new SummaryReport(contacts, rejects, facts, models, outbox, events, enrollments);
  }
}
