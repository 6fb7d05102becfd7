package org.winbackhub.intake;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.winbackhub.model.Rejection;

/**
 * Counts, while a run reads, the rows it judged, the refused ones among them (rejected whole, or a
 * field of them refused), its refusals by field and reason, and the open rejections it resolved.
 * Reasons are grouped without the values they quote ({@code got '2025-06-01'} becomes {@code got
 * '...'}), so no personal value reaches a summary or a log. Safe to call from the reading and the
 * writing thread.
 */
public final class RejectionTally {
  private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

  private long judged;
  private long rejected;
  private long resolved;
  private final Map<String, Long> reasons = new HashMap<>();

  /**
   * A row read; {@code judged} when it is new to this run; {@code reasons} why it, or fields of it,
   * were refused (empty when it was taken in whole). A row with any refusal counts as refused.
   */
  public synchronized void row(boolean judged, Collection<String> reasons) {
    if (judged) {
      this.judged++;
      if (!reasons.isEmpty()) {
        rejected++;
      }
    }
    for (String reason : reasons) {
      this.reasons.merge(withoutValues(reason), 1L, Long::sum);
    }
  }

  /**
   * A record counted as taken in that the store then refused (a value too long for its column): one
   * more refused row, counted as judged (a store refusal is of data new to the store).
   */
  public synchronized void refusedByStore(Rejection rejection) {
    rejected++;
    reasons.merge(withoutValues(rejection.reason()), 1L, Long::sum);
  }

  public synchronized void resolved(long rejections) {
    resolved += rejections;
  }

  public synchronized RejectedRows summary() {
    List<RejectedRows.Reason> byCount =
        reasons.entrySet().stream()
            .map(e -> new RejectedRows.Reason(e.getKey(), e.getValue()))
            .sorted(
                Comparator.comparingLong(RejectedRows.Reason::count)
                    .reversed()
                    .thenComparing(RejectedRows.Reason::text))
            .toList();
    return new RejectedRows(judged, rejected, resolved, byCount);
  }

  static String withoutValues(String reason) {
    return QUOTED.matcher(reason).replaceAll("'...'");
  }
}
