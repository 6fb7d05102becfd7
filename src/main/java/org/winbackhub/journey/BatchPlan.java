package org.winbackhub.journey;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.model.Channel;
import org.winbackhub.model.EnrollmentStatus;
import org.winbackhub.model.SuppressionReason;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EnrollmentRepository.Advance;
import org.winbackhub.store.EnrollmentRepository.Due;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.EventRepository.Happened;
import org.winbackhub.store.MessageSchedule;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.OutboxRepository.NewMessage;
import org.winbackhub.store.SuppressionRepository;
import org.winbackhub.store.SuppressionRepository.Suppressed;

/**
 * One batch of a journey's due steps, in the caller's transaction: takes the planning lock, locks
 * the due runs (other instances skip them), reads what their steps need (the contacts' messages for
 * the frequency cap, their responses for conditions), and writes the outbox rows, the runs' next
 * steps and the end actions together.
 */
final class BatchPlan {
  static final int DUE = 0;
  static final int QUEUED = 1;
  static final int EXHAUSTED = 2;
  static final int SKIPPED = 3;
  static final int WAITING = 4;
  static final int COUNTS = 5;

  private final EnrollmentRepository enrollments;
  private final OutboxRepository outbox;
  private final MessageSchedule schedule;
  private final EventRepository events;
  private final SuppressionRepository suppressions;
  private final StepPlanner steps;
  private final FrequencyCap cap;

  BatchPlan(
      EnrollmentRepository enrollments,
      OutboxRepository outbox,
      MessageSchedule schedule,
      EventRepository events,
      SuppressionRepository suppressions,
      StepPlanner steps,
      FrequencyCap cap) {
    this.enrollments = enrollments;
    this.outbox = outbox;
    this.schedule = schedule;
    this.events = events;
    this.suppressions = suppressions;
    this.steps = steps;
    this.cap = cap;
  }

  StepPlanner steps() {
    return steps;
  }

  /** Plans up to {@code limit} due runs; returns the counts by {@link #DUE}, {@link #QUEUED}, …. */
  int[] plan(Connection c, Journey journey, Instant now, int limit) throws SQLException {
    int[] counts = new int[COUNTS];
    schedule.lockPlanning(c);
    List<Due> due = enrollments.lockDue(c, journey.id(), now, limit);
    counts[DUE] = due.size();
    if (due.isEmpty()) {
      return counts;
    }
    Set<Long> contacts = new LinkedHashSet<>();
    Instant earliest = now;
    for (Due d : due) {
      contacts.add(d.contactId());
      earliest = d.enrolledAt().isBefore(earliest) ? d.enrolledAt() : earliest;
    }
    Map<Long, List<Instant>> capTimes =
        cap.isOff() ? new HashMap<>() : schedule.messageTimes(c, contacts, now.minus(cap.per()));
    boolean responses =
        journey.exit().click() == Exit.ClickExit.CONTINUE
            || journey.steps().stream().anyMatch(s -> s.when() != null);
    Map<Long, Map<String, Instant>> stepTimes =
        responses ? schedule.stepTimes(c, journey.id(), contacts) : Map.of();
    Map<Long, List<Happened>> happened =
        responses ? events.happenedSince(c, contacts, Responses.ALL, earliest) : Map.of();

    List<NewMessage> messages = new ArrayList<>();
    List<Advance> advances = new ArrayList<>();
    List<Suppressed> ended = new ArrayList<>();
    for (Due d : due) {
      StepPlanner.Decision decision =
          steps.decide(
              journey,
              d,
              now,
              stepTimes.getOrDefault(d.id(), Map.of()),
              happened.getOrDefault(d.contactId(), List.of()),
              capTimes.computeIfAbsent(d.contactId(), k -> new ArrayList<>()));
      NewMessage m = decision.message();
      if (m != null) {
        messages.add(m);
        counts[WAITING] += m.notBefore().isAfter(now) ? 1 : 0;
      } else if (decision.status() == EnrollmentStatus.ENROLLED) {
        counts[SKIPPED]++;
      }
      counts[EXHAUSTED] += decision.status() == EnrollmentStatus.EXHAUSTED ? 1 : 0;
      advances.add(
          new Advance(
              d.id(),
              decision.nextStep(),
              decision.nextStepAt(),
              decision.status(),
              decision.reason()));
      endAction(journey, d, decision.endAction(), ended);
    }
    counts[QUEUED] = outbox.enqueue(c, messages, now);
    enrollments.advance(c, advances, now);
    suppressions.suppress(c, ended, now);
    return counts;
  }

  /** The journey's end action for a run let go: its address suppressed, when it has one. */
  private static void endAction(
      Journey journey, Due d, Exit.EndAction action, List<Suppressed> ended) {
    String source = "journey " + journey.id();
    if (action == Exit.EndAction.EMAIL_SUNSET && d.email() != null) {
      ended.add(new Suppressed(Channel.EMAIL, d.email(), SuppressionReason.SUNSET, source));
    } else if (action == Exit.EndAction.SMS_UNSUBSCRIBE && d.phone() != null) {
      ended.add(new Suppressed(Channel.SMS, d.phone(), SuppressionReason.UNSUBSCRIBED, source));
    }
  }
}
