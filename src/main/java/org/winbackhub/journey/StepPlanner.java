package org.winbackhub.journey;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.winbackhub.model.Channel;
import org.winbackhub.model.EnrollmentStatus;
import org.winbackhub.store.EnrollmentRepository.Due;
import org.winbackhub.store.EventRepository.Happened;
import org.winbackhub.store.OutboxRepository.NewMessage;

/**
 * Decides what a run's due step does, with no store: the message it sends (variant, recipient, the
 * instant the frequency cap and the recipient's send window allow), or why it is skipped, or how
 * the run ends when its last step is behind it; and when the next step is due.
 */
final class StepPlanner {

  /**
   * What a due step came to: the message to queue (its idempotency key {@code
   * journey:cycle:contact:step:channel}; or none), where the run goes next and when, its status,
   * the reason kept with it, and the end action to apply.
   */
  record Decision(
      NewMessage message,
      int nextStep,
      Instant nextStepAt,
      EnrollmentStatus status,
      String reason,
      Exit.EndAction endAction) {}

  private final ZoneId hubZone;
  private final FrequencyCap cap;
  private final RecipientZone zones;
  private final Map<String, String> windowPresets;

  StepPlanner(ZoneId hubZone, FrequencyCap cap, Map<String, String> windowPresets) {
    this.hubZone = hubZone;
    this.cap = cap;
    this.windowPresets = Map.copyOf(windowPresets);
    this.zones = new RecipientZone(hubZone);
  }

  /**
   * The decision for {@code d}'s due step at {@code now}: {@code stepTimes} are its run's messages
   * by step, {@code happened} the contact's events since it entered, {@code capTimes} the instants
   * of the contact's other messages (the new one is added to it).
   */
  Decision decide(
      Journey j,
      Due d,
      Instant now,
      Map<String, Instant> stepTimes,
      List<Happened> happened,
      List<Instant> capTimes) {
    List<Journey.Step> steps = j.steps();
    int i = d.nextStep();
    if (i >= steps.size()) {
      return end(j, d, happened);
    }
    Journey.Step step = steps.get(i);
    if (step.when() != null) {
      String failing = Responses.failing(step.when(), stepTimes, d.enrolledAt(), happened);
      if (failing != null) {
        Instant due = d.nextStepAt() == null ? now : d.nextStepAt();
        return new Decision(
            null,
            i + 1,
            nextAt(j, i + 1, due, d.enrolledAt()),
            EnrollmentStatus.ENROLLED,
            "step " + step.id() + " skipped: " + failing,
            Exit.EndAction.NONE);
      }
    }
    Channel channel = step.send().channel();
    String recipient = channel == Channel.EMAIL ? d.email() : d.phone();
    if (recipient == null) {
      return new Decision(
          null,
          i + 1,
          nextAt(j, i + 1, now, d.enrolledAt()),
          EnrollmentStatus.ENROLLED,
          "step " + step.id() + " skipped: no " + channel.code() + " address",
          Exit.EndAction.NONE);
    }
    Variant v = Variants.pick(j.id(), step.id(), d.contactId(), step.variants());
    SendWindow window = j.window(step, windowPresets);
    RecipientZone.Zone zone = window.isAny() ? null : zones.of(d.timeZone(), d.phone());
    Instant at = schedule(now, window, zone == null ? null : zone.id(), capTimes);
    capTimes.add(at);
    NewMessage m =
        new NewMessage(
            String.join(
                ":",
                j.id(),
                String.valueOf(d.cycle()),
                String.valueOf(d.contactId()),
                step.id(),
                channel.code()),
            d.contactId(),
            d.id(),
            j.id(),
            step.id(),
            channel,
            recipient,
            v != null && v.template() != null ? v.template() : step.send().template(),
            v != null && v.subject() != null ? v.subject() : step.send().subject(),
            v != null ? v.id() : d.variant(),
            v != null && v.offer() != null ? v.offer() : step.send().offer(),
            at);
    String waits = at.equals(now) ? null : waits(step, at, now, window, zone);
    return new Decision(
        m,
        i + 1,
        nextAt(j, i + 1, at, d.enrolledAt()),
        EnrollmentStatus.ENROLLED,
        waits,
        Exit.EndAction.NONE);
  }

  /** The run after its last step: ENGAGED when it clicked along the way, else let go. */
  private Decision end(Journey j, Due d, List<Happened> happened) {
    if (j.exit().click() == Exit.ClickExit.CONTINUE
        && Responses.clickedSince(d.enrolledAt(), happened)) {
      return new Decision(
          null,
          d.nextStep(),
          null,
          EnrollmentStatus.ENGAGED,
          "clicked without purchasing during the run",
          Exit.EndAction.NONE);
    }
    Exit.EndAction action = j.exit().done();
    return new Decision(
        null,
        d.nextStep(),
        null,
        EnrollmentStatus.EXHAUSTED,
        "no response "
            + j.exit().after()
            + " after the last step"
            + switch (action) {
              case NONE -> "";
              case EMAIL_SUNSET -> ": email sunset (address suppressed)";
              case SMS_UNSUBSCRIBE -> ": unsubscribed from SMS (number suppressed)";
            },
        action);
  }

  /**
   * When step {@code next} is due after the previous one went at {@code previous}: its {@code
   * after} counted from then, or its {@code after_entry} from entering (never before the previous
   * step); past the last step, the exit's {@code after}.
   */
  Instant nextAt(Journey j, int next, Instant previous, Instant enrolledAt) {
    if (next >= j.steps().size()) {
      return j.exit().after().after(previous, hubZone);
    }
    Journey.Step s = j.steps().get(next);
    Instant at =
        s.afterEntry() != null
            ? s.afterEntry().after(enrolledAt, hubZone)
            : s.after().after(previous, hubZone);
    return at.isBefore(previous) ? previous : at;
  }

  /**
   * The first instant at or after {@code desired} inside the send window (in {@code zone}) that the
   * frequency cap allows given the contact's other messages.
   */
  Instant schedule(Instant desired, SendWindow window, ZoneId zone, List<Instant> others) {
    Instant t = desired;
    for (int round = 0; round < 1000; round++) {
      Instant open = window.isAny() ? t : window.next(t, zone);
      Instant allowed = cap.earliest(open, others);
      if (allowed.equals(open)) {
        return open;
      }
      t = allowed;
    }
    throw new IllegalStateException("no instant fits the send window and the frequency cap");
  }

  /** Why a message goes later than now: the recipient's send window, the frequency cap, or both. */
  private String waits(
      Journey.Step step, Instant at, Instant now, SendWindow window, RecipientZone.Zone zone) {
    boolean byWindow = !window.isAny() && !window.next(now, zone.id()).equals(now);
    boolean byCap = window.isAny() || !window.next(now, zone.id()).equals(at);
    return "step "
        + step.id()
        + " waits until "
        + at
        + " for "
        + (byWindow
            ? "the send window " + window + " in " + zone.id() + " (" + zoneWords(zone) + ")"
            : "")
        + (byWindow && byCap ? " and " : "")
        + (byCap ? "the frequency cap of " + cap : "");
  }

  private static String zoneWords(RecipientZone.Zone zone) {
    return switch (zone.source()) {
      case CONTACT -> "the contact's zone";
      case PHONE -> "from the phone number";
      case HUB -> "the hub's zone";
    };
  }
}
