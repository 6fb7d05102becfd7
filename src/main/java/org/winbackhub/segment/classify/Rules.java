package org.winbackhub.segment.classify;

import java.time.Instant;
import java.util.List;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;

/**
 * The classification, ready for SQL: cut-offs as instants, rhythm factors, the model, the value
 * reference levels, and the words of each reason. Built by the segment stage from the policy.
 * {@code eventsBefore}, when set, leaves out later events: a run as of a past day.
 */
public record Rules(
    Instant now,
    Instant eventsBefore,
    List<String> activityTypes,
    long zoneOffsetSeconds,
    Instant newSince,
    Instant atRiskBefore,
    Instant lapsedBefore,
    Instant dormantBefore,
    int rhythmMinPurchases,
    double rhythmAtRisk,
    double rhythmLapsed,
    boolean rhythmOn,
    PurchaseModel model,
    double pAliveAtRisk,
    double horizonDays,
    double valueSpend,
    double valueExpected,
    double valueTenureDays,
    int valuePurchases,
    double discountShare,
    int sunsetAfterMessages,
    Instant sunsetBefore,
    Instant complaintsSince,
    Words words,
    Spans spans,
    String policy) {

  /**
   * What the rules are, apart from the moment they are evaluated at: a run with other rules (a
   * changed policy, a new model) than the last one recomputes every contact.
   */
  public String fingerprint() {
    String f =
        "rules "
            + SegmentSql.VERSION
            + "|"
            + policy
            + "|model "
            + (model == null ? "-" : model.fittedAt())
            + (eventsBefore == null ? "" : "|events before " + eventsBefore);
    return f.length() <= 1000 ? f : f.substring(0, 900) + "#" + Integer.toHexString(f.hashCode());
  }

  /**
   * The spans behind the cut-offs, and the business's time zone they count in: the moment a contact
   * will cross a calendar cut-off is its last activity plus the span in that calendar.
   */
  public record Spans(
      String zone,
      TimeSpan newWithin,
      TimeSpan atRisk,
      TimeSpan lapsed,
      TimeSpan dormant,
      TimeSpan sunset,
      TimeSpan complaints) {}

  /** The fixed words of each reason; the numbers are added by the SQL from each contact's facts. */
  public record Words(
      String neverEngaged,
      String isNew,
      String dormant,
      String lapsed,
      String atRisk,
      String active,
      String activity,
      String sunset) {}
}
