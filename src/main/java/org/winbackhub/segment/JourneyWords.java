package org.winbackhub.segment;

import static org.winbackhub.segment.PlainWords.day;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.store.JourneyHistory;

/**
 * A contact's journeys in plain words for {@code explain}: each run, where it stands and why (the
 * cause kept with each move: a purchase, a click and the nurture journey it led to, a skipped step,
 * a wait for the send window or the frequency cap, the end action), and its messages.
 */
final class JourneyWords {
  private JourneyWords() {}

  static String of(List<JourneyHistory.Run> runs, ZoneId zone) {
    if (runs.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (JourneyHistory.Run r : runs) {
      StringBuilder s = new StringBuilder();
      s.append(r.journeyId())
          .append(r.cycle() > 1 ? " (run " + r.cycle() + ")" : "")
          .append(" from ")
          .append(day(r.enrolledAt(), zone))
          .append(": ")
          .append(r.status());
      if (!r.status().equals("ENROLLED") && !r.status().equals("HELD_OUT")) {
        s.append(" on ").append(day(r.updatedAt(), zone));
      }
      if (r.reason() != null) {
        s.append(", ").append(r.reason());
      }
      if (r.nextStepAt() != null && r.status().equals("ENROLLED")) {
        s.append(", next on ").append(day(r.nextStepAt(), zone));
      }
      List<String> sent = new ArrayList<>();
      for (JourneyHistory.Message m : r.messages()) {
        sent.add(
            m.stepId()
                + (m.variant() == null ? "" : " [" + m.variant() + "]")
                + " "
                + m.channel()
                + " "
                + m.status()
                + " "
                + day(m.at(), zone));
      }
      if (!sent.isEmpty()) {
        s.append(" (").append(String.join(", ", sent)).append(")");
      }
      parts.add(s.toString());
    }
    return String.join("; ", parts);
  }
}
