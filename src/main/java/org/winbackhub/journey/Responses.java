package org.winbackhub.journey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.model.EventType;
import org.winbackhub.store.EventRepository.Happened;

/**
 * What a contact did since earlier steps of their run, for a step's condition and for how a run
 * ends: the events of the contact (any journey's clicks count, a click counts as an open) at or
 * after the message of the earliest step named — or since entering when none of them sent one.
 */
final class Responses {
  static final Set<String> CLICKS =
      Set.of(EventType.EMAIL_CLICKED.code(), EventType.SMS_CLICKED.code());
  static final Set<String> OPENS =
      Set.of(
          EventType.EMAIL_OPENED.code(),
          EventType.EMAIL_CLICKED.code(),
          EventType.SMS_CLICKED.code());
  static final Set<String> PURCHASES = Set.of(EventType.PURCHASE.code());

  /** Every event type a condition or an end looks at. */
  static final Set<String> ALL =
      Set.of(
          EventType.EMAIL_OPENED.code(),
          EventType.EMAIL_CLICKED.code(),
          EventType.SMS_CLICKED.code(),
          EventType.PURCHASE.code());

  private Responses() {}

  /**
   * Why {@code condition} fails for a run ("clicked since survey"), or null when it holds; {@code
   * stepTimes} are the run's messages by step, {@code happened} the contact's events.
   */
  static String failing(
      StepCondition condition,
      Map<String, Instant> stepTimes,
      Instant enrolledAt,
      List<Happened> happened) {
    for (StepCondition.Part part : condition.parts()) {
      String from = null;
      Instant since = null;
      for (String step : part.steps()) {
        Instant at = stepTimes.get(step);
        if (at != null && (since == null || at.isBefore(since))) {
          since = at;
          from = step;
        }
      }
      if (since == null) {
        since = enrolledAt;
      }
      Set<String> types = types(part.response());
      for (Happened h : happened) {
        if (!h.at().isBefore(since) && types.contains(h.type())) {
          return words(part.response())
              + (from == null ? " since entering" : " since step " + from)
              + " ("
              + h.type()
              + ")";
        }
      }
    }
    return null;
  }

  /** True when the contact clicked anything at or after {@code since}. */
  static boolean clickedSince(Instant since, List<Happened> happened) {
    return happened.stream().anyMatch(h -> !h.at().isBefore(since) && CLICKS.contains(h.type()));
  }

  private static Set<String> types(StepCondition.Response r) {
    return switch (r) {
      case OPENED -> OPENS;
      case CLICKED -> CLICKS;
      case BOUGHT -> PURCHASES;
    };
  }

  private static String words(StepCondition.Response r) {
    return switch (r) {
      case OPENED -> "opened";
      case CLICKED -> "clicked";
      case BOUGHT -> "bought";
    };
  }
}
