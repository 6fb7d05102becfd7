package org.winbackhub.app;

import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.winbackhub.feedback.ClickTracker;
import org.winbackhub.feedback.FeedbackRecorder;
import org.winbackhub.feedback.MachineOpens;
import org.winbackhub.feedback.OneClickUnsubscribe;
import org.winbackhub.feedback.StatusTransitions;
import org.winbackhub.feedback.camel.UnsubscribeEndpoint;
import org.winbackhub.journey.JourneyPlanner;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.ShortLinkRepository;
import org.winbackhub.store.SuppressionRepository;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * What comes back: tracked clicks (links in email, short links in SMS), one-click unsubscribes, and
 * the enrollment transitions computed from stored events.
 */
public final class FeedbackBeans implements CamelConfiguration {

  @BindToRegistry("statusTransitions")
  public StatusTransitions transitions(
      EnrollmentRepository enrollments, JourneyPlanner planner, Clock clock) {
    return new StatusTransitions(enrollments, clock, planner.continuingOnClick());
  }

  @BindToRegistry("clickTracker")
  public ClickTracker clickTracker(
      TrackingToken tokens,
      LinkTargets links,
      OutboxRepository outbox,
      ShortLinkRepository shortLinks,
      EventRepository events,
      StatusTransitions transitions,
      Clock clock) {
    return new ClickTracker(tokens, links, outbox, shortLinks, events, transitions, clock);
  }

  /**
   * Stores what comes back once and acts on it: every webhook, delivery report, reply and bounce
   * goes through it ({@code hub.bounces.soft-limit} soft bounces suppress an address).
   */
  @BindToRegistry("feedbackRecorder")
  public FeedbackRecorder feedbackRecorder(
      Settings s,
      Database db,
      EventRepository events,
      ContactRepository contacts,
      StatusTransitions transitions,
      Clock clock) {
    return new FeedbackRecorder(
        db,
        events,
        contacts,
        new SuppressionRepository(db),
        new RejectRepository(db),
        transitions,
        s.integer("hub.bounces.soft-limit", 3, 1),
        new MachineOpens(),
        clock);
  }

  /** One-click unsubscribe, /u/{token} (RFC 8058). */
  @BindToRegistry("unsubscribeEndpoint")
  public UnsubscribeEndpoint unsubscribe(
      TrackingToken tokens,
      Database db,
      OutboxRepository outbox,
      ContactRepository contacts,
      EventRepository events,
      Clock clock) {
    return new UnsubscribeEndpoint(
        new OneClickUnsubscribe(
            tokens, db, outbox, new SuppressionRepository(db), contacts, events, clock));
  }
}
