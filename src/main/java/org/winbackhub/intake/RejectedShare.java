package org.winbackhub.intake;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The largest share of a run's judged rows a source may reject before the run counts as failed
 * ({@code hub.sources.max-rejected-share}, or per source): {@code 5%}, {@code 5 %} or {@code 0.05}.
 */
public record RejectedShare(double max) {
  public RejectedShare {
    if (!(max >= 0 && max <= 1)) {
      throw new IllegalArgumentException("a share from 0 % to 100 %, got " + max);
    }
  }

  /** Reads {@code text}; a wrong value fails naming {@code key} and what was expected. */
  public static RejectedShare parse(String key, String text) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.endsWith("%")) {
        return new RejectedShare(Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100);
      }
      return new RejectedShare(Double.parseDouble(t));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "property "
              + key
              + ": expected a share such as 5% or 0.05 (from 0 to 100 %), got '"
              + text
              + "'");
    }
  }

  /**
   * Whether the run rejected more than the share of the rows it judged (never when it judged none).
   * One refused row alone never does, unless the share is 0 %: a catch-up of three rows, one of
   * them with a bad phone, is a data problem of that row, not a failing sync.
   */
  public boolean exceededBy(RejectedRows rows) {
    return rows.judged() > 0 && rows.share() > max && (rows.rejected() > 1 || max == 0);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s %%",
        BigDecimal.valueOf(max).movePointRight(2).stripTrailingZeros().toPlainString());
  }
}
