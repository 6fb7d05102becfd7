package org.winbackhub.journey;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.store.AudienceQuery;
import org.winbackhub.store.AudienceQuery.Entrant;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EnrollmentRepository.NewEnrollment;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.MessageSchedule;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.SuppressionRepository;

/**
 * Enrolls the audience of each journey, hands clickers to nurture journeys, and writes the outbox
 * rows of every due step. Each batch of due enrollments is locked, turned into outbox rows and
 * advanced in one transaction under the planning lock (one batch at a time across instances), so a
 * step is queued exactly once however often the planner runs and on however many instances, and the
 * frequency cap counts every message another batch wrote before.
 */
public final class JourneyPlanner {
  private static final int BATCH = 500;

  /** What one planning run did for one journey. */
  public record Result(
      String journeyId,
      int enrolled,
      int heldOut,
      int queued,
      int exhausted,
      int skipped,
      int waiting,
      int nurtured) {
    public Result(String journeyId, int enrolled, int heldOut, int queued, int exhausted) {
      this(journeyId, enrolled, heldOut, queued, exhausted, 0, 0, 0);
    }

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
          + (waiting > 0 ? " (" + waiting + " for later)" : "")
          + ", exhausted "
          + exhausted
          + (skipped > 0 ? ", skipped " + skipped : "")
          + (nurtured > 0 ? ", to nurture " + nurtured : "");
    }
  }

  private final Database db;
  private final EnrollmentRepository enrollments;
  private final AudienceQuery audiences;
  private final BatchPlan batches;
  private final List<Journey> journeys;
  private final Map<String, Journey> byId;
  private final ZoneId zone;
  private final Clock clock;

  /** A planner without a frequency cap. */
  public JourneyPlanner(
      Database db,
      EnrollmentRepository enrollments,
      OutboxRepository outbox,
      List<Journey> journeys,
      ZoneId zone,
      Clock clock) {
    this(db, enrollments, outbox, journeys, zone, FrequencyCap.OFF, clock);
  }

  public JourneyPlanner(
      Database db,
      EnrollmentRepository enrollments,
      OutboxRepository outbox,
      List<Journey> journeys,
      ZoneId zone,
      FrequencyCap cap,
      Clock clock) {
    this(db, enrollments, outbox, journeys, zone, cap, SendWindow.PRESETS, clock);
  }

  /** {@code windowPresets}: the hours of the window presets, as {@code hub.send-window.*} says. */
  public JourneyPlanner(
      Database db,
      EnrollmentRepository enrollments,
      OutboxRepository outbox,
      List<Journey> journeys,
      ZoneId zone,
      FrequencyCap cap,
      Map<String, String> windowPresets,
      Clock clock) {
    this.db = db;
    this.enrollments = enrollments;
    this.audiences = new AudienceQuery(db);
    this.journeys = List.copyOf(journeys);
    this.byId = this.journeys.stream().collect(Collectors.toMap(Journey::id, Function.identity()));
    this.zone = zone;
    this.clock = clock;
    this.batches =
        new BatchPlan(
            enrollments,
            outbox,
            new MessageSchedule(),
            new EventRepository(db),
            new SuppressionRepository(db),
            new StepPlanner(zone, cap, windowPresets),
            cap);
  }

  public List<Journey> journeys() {
    return journeys;
  }

  /** The ids of the journeys a click does not end (exit.click: continue). */
  public Set<String> continuingOnClick() {
    return journeys.stream()
        .filter(j -> j.exit().click() == Exit.ClickExit.CONTINUE)
        .map(Journey::id)
        .collect(Collectors.toCollection(LinkedHashSet::new));
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
    int[] entered = journey.audience() == null ? new int[2] : enrollAudience(journey, now);
    int nurtured = handOn(journey, now);
    int[] totals = new int[BatchPlan.COUNTS];
    while (true) {
      int[] counts =
          db.inTransaction(
              "plan due steps of " + journey.id(), c -> batches.plan(c, journey, now, BATCH));
      if (counts[0] == 0) {
        break;
      }
      for (int k = 1; k < counts.length; k++) {
        totals[k] += counts[k];
      }
    }
    return new Result(
        journey.id(),
        entered[0],
        entered[1],
        totals[BatchPlan.QUEUED],
        totals[BatchPlan.EXHAUSTED],
        totals[BatchPlan.SKIPPED],
        totals[BatchPlan.WAITING],
        nurtured);
  }

  /** Enrolls the journey's audience; returns {enrolled, held out}. */
  private int[] enrollAudience(Journey journey, Instant now) {
    Journey.Audience a = journey.audience();
    List<Entrant> audience =
        audiences.audience(
            journey.id(),
            new AudienceQuery.AudienceFilter(
                a.lifecycle().stream().map(Lifecycle::name).toList(),
                a.treatment(),
                a.sunset().name().toLowerCase(Locale.ROOT),
                a.minScore(),
                a.behaviour(),
                a.maxScore()),
            journey.channel(),
            reenterBefore(journey, now));
    List<NewEnrollment> batch = new ArrayList<>();
    int enrolled = 0;
    int heldOut = 0;
    for (Entrant e : audience) {
      NewEnrollment n = entering(journey, e, now, null, null);
      heldOut += n.heldOut() ? 1 : 0;
      batch.add(n);
      if (batch.size() == BATCH) {
        enrolled += enrollments.enroll(batch, now);
        batch.clear();
      }
    }
    enrolled += enrollments.enroll(batch, now);
    return new int[] {enrolled, heldOut};
  }

  /**
   * Hands the journey's clickers (runs ended ENGAGED) to its nurture journey, once per run: each
   * enters it unless a run of it bars them (running, or begun within its re-entry span).
   */
  private int handOn(Journey journey, Instant now) {
    Journey nurture = byId.get(journey.exit().nurture());
    if (journey.exit().click() != Exit.ClickExit.NURTURE || nurture == null) {
      return 0;
    }
    return db.inTransaction(
        "hand clickers of " + journey.id() + " to " + nurture.id(),
        c -> handOn(c, journey, nurture, now));
  }

  private int handOn(Connection c, Journey journey, Journey nurture, Instant now)
      throws SQLException {
    List<EnrollmentRepository.Engaged> engaged = enrollments.engagedNotHandedOn(c, journey.id());
    if (engaged.isEmpty()) {
      return 0;
    }
    Map<Long, Long> runOf = new HashMap<>();
    engaged.forEach(e -> runOf.putIfAbsent(e.contactId(), e.id()));
    List<NewEnrollment> entering = new ArrayList<>();
    for (Entrant e :
        audiences.mayEnter(c, nurture.id(), runOf.keySet(), reenterBefore(nurture, now))) {
      entering.add(
          entering(
              nurture,
              e,
              now,
              runOf.get(e.contactId()),
              "entered from " + journey.id() + " after a click without a purchase"));
    }
    int n = enrollments.enroll(c, entering, now);
    Set<Long> moved = entering.stream().map(NewEnrollment::contactId).collect(Collectors.toSet());
    Map<Long, String> reasons = new HashMap<>();
    for (EnrollmentRepository.Engaged e : engaged) {
      reasons.put(
          e.id(),
          "clicked without purchasing: "
              + (moved.contains(e.contactId())
                  ? "moved to nurture journey " + nurture.id()
                  : "already in nurture journey " + nurture.id() + ", not moved again"));
    }
    enrollments.handedOn(c, reasons, nurture.id(), now);
    return n;
  }

  private NewEnrollment entering(
      Journey journey, Entrant e, Instant now, Long from, String reason) {
    boolean held = Holdout.isHeldOut(journey.id(), e.contactId(), journey.holdoutShare());
    return new NewEnrollment(
        e.contactId(),
        journey.id(),
        e.cycle(),
        held,
        null,
        batches.steps().nextAt(journey, 0, now, now),
        from,
        reason);
  }

  /** Runs begun after this instant bar a new one (null: any run bars it, for good). */
  private Instant reenterBefore(Journey journey, Instant now) {
    return journey.reentry() == null ? null : journey.reentry().before(now, zone);
  }
}
