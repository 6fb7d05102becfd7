package org.winbackhub.intake;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a run rejected. {@code judged} rows are the ones the run read for the first time (in a
 * catch-up, those changed after the watermark it started from; every row in a first load, a full
 * re-read or a retry); the rows read again in the overlap were judged by the run that first read
 * them. {@code rejected} of the judged rows were rejected; {@code resolved} open rejections were
 * closed because their rows now passed; {@code reasons} counts every rejection of the run by field
 * and reason, most frequent first, without the values.
 */
public record RejectedRows(long judged, long rejected, long resolved, List<Reason> reasons) {
  public static final RejectedRows NONE = new RejectedRows(0, 0, 0, List.of());

  /** A reason and how often the run gave it, e.g. {@code 1685 email: not a valid address: ...}. */
  public record Reason(String text, long count) {
    @Override
    public String toString() {
      return count + " " + text;
    }
  }

  public RejectedRows {
    reasons = List.copyOf(reasons);
  }

  /** The share of judged rows that were rejected, 0 when none was judged. */
  public double share() {
    return judged == 0 ? 0 : (double) rejected / judged;
  }

  /** The share as people read it, e.g. {@code 20.2 %}. */
  public String sharePercent() {
    return String.format(Locale.ROOT, "%.1f %%", share() * 100);
  }

  /**
   * The {@code top} most frequent reasons, e.g. {@code 1685 email: not a valid address; 3 phone:
   * not a phone number}.
   */
  public String topReasons(int top) {
    return reasons.stream().limit(top).map(Reason::toString).collect(Collectors.joining("; "));
  }
}
