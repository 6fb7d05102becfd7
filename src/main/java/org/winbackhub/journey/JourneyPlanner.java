package org.winbackhub.journey;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winbackhub.model.Channel;
import org.winbackhub.model.EnrollmentStatus;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EnrollmentRepository.Advance;
import org.winbackhub.store.EnrollmentRepository.Due;
import org.winbackhub.store.EnrollmentRepository.NewEnrollment;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.OutboxRepository.NewMessage;

/**
 * Enrolls the audience of each journey and writes the outbox rows of every due step. Each batch of
 * due enrollments is locked, turned into outbox rows and advanced in one transaction, so a step is
 * queued exactly once however often the planner runs and on however many instances.
 */
public final class JourneyPlanner {
  private static final int BATCH = 500;

  /** What one planning run did for one journey. */
  public record Result(String journeyId, int enrolled, int heldOut, int queued, int exhausted) {
    /** As the cycle logs it: "winback-email: enrolled 336, held out 38, queued 298, ...". */
    @Override
    public String toString() {
      return journeyId
          + ": enrolled "
          + enrolled
          + ", held out "
          + heldOut
          + ", queued "
          + queued
          + ", exhausted "
          + exhausted;
    }
  }

  private final Database db;
  private final EnrollmentRepository enrollments;
  private final OutboxRepository outbox;
  private final List<Journey> journeys;
  private final ZoneId zone;
  private final Clock clock;

  public JourneyPlanner(
      Database db,
      EnrollmentRepository enrollments,
      OutboxRepository outbox,
      List<Journey> journeys,
      ZoneId zone,
      Clock clock) {
    this.db = db;
    this.enrollments = enrollments;
    this.outbox = outbox;
    this.journeys = List.copyOf(journeys);
    this.zone = zone;
    this.clock = clock;
  }

  public List<Result> planAll() {
    List<Result> results = new ArrayList<>();
    for (Journey j : journeys) {
      results.add(plan(j));
    }
    return results;
  }

  public Result plan(Journey journey) {
    Instant now = clock.instant();
    List<Long> audience =
        enrollments.audience(
            journey.id(),
            new EnrollmentRepository.AudienceFilter(
                journey.audience().lifecycle().stream().map(Lifecycle::name).toList(),
                journey.audience().treatment(),
                journey.audience().sunset().name().toLowerCase(Locale.ROOT),
                journey.audience().minScore()),
            journey.channel());
    Instant firstStepAt = journey.steps().get(0).after().after(now, zone);
    List<NewEnrollment> batch = new ArrayList<>();
    int enrolled = 0;
    int heldOut = 0;
    for (long contactId : audience) {
      boolean held = Holdout.isHeldOut(journey.id(), contactId, journey.holdoutShare());
      heldOut += held ? 1 : 0;
      batch.add(new NewEnrollment(contactId, journey.id(), held, null, firstStepAt));
      if (batch.size() == BATCH) {
        enrolled += enrollments.enroll(batch, now);
        batch.clear();
      }
    }
    enrolled += enrollments.enroll(batch, now);

    int queued = 0;
    int exhausted = 0;
    while (true) {
      int[] counts =
          db.inTransaction("plan due steps of " + journey.id(), c -> planDue(c, journey, now));
      if (counts[0] == 0) {
        break;
      }
      queued += counts[1];
      exhausted += counts[2];
    }
    return new Result(journey.id(), enrolled, heldOut, queued, exhausted);
  }

  /** Returns {due, queued, exhausted} for one locked batch. */
  private int[] planDue(Connection c, Journey journey, Instant now) throws SQLException {
    List<Due> due = enrollments.lockDue(c, journey.id(), now, BATCH);
    List<NewMessage> messages = new ArrayList<>();
    List<Advance> advances = new ArrayList<>();
    int exhausted = 0;
    for (Due d : due) {
      List<Journey.Step> steps = journey.steps();
      if (d.nextStep() >= steps.size()) {
        advances.add(
            new Advance(
                d.id(),
                d.nextStep(),
                null,
                EnrollmentStatus.EXHAUSTED,
                "no response " + journey.exit().after() + " after the last step"));
        exhausted++;
        continue;
      }
      Journey.Step step = steps.get(d.nextStep());
      Channel channel = step.send().channel();
      String recipient = channel == Channel.EMAIL ? d.email() : d.phone();
      if (recipient != null) {
        messages.add(
            new NewMessage(
                String.join(
                    ":",
                    journey.id(),
                    String.valueOf(d.cycle()),
                    String.valueOf(d.contactId()),
                    step.id(),
                    channel.code()),
                d.contactId(),
                d.id(),
                journey.id(),
                step.id(),
                channel,
                recipient,
                step.send().template(),
                step.send().subject(),
                d.variant(),
                step.send().offer(),
                now));
      }
      int next = d.nextStep() + 1;
      Instant nextAt =
          next < steps.size()
              ? steps.get(next).after().after(now, zone)
              : journey.exit().after().after(now, zone);
      advances.add(
          new Advance(
              d.id(),
              next,
              nextAt,
              EnrollmentStatus.ENROLLED,
              recipient == null
                  ? "step " + step.id() + " skipped: no " + channel.code() + " address"
                  : null));
    }
    int queued = outbox.enqueue(c, messages, now);
    enrollments.advance(c, advances, now);
    return new int[] {due.size(), queued, exhausted};
  }
}
