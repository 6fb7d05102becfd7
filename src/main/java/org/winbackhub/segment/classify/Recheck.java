package org.winbackhub.segment.classify;

import static org.winbackhub.segment.classify.Expressions.REPEATS;
import static org.winbackhub.segment.classify.Expressions.num;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.segment.classify.Rules.Spans;
import org.winbackhub.store.PurchaseModelRepository.PurchaseModel;

/** The next moment time alone could change a contact's row, as SQL. */
final class Recheck {
  private final Expressions ex;
  private final Rules r;

  Recheck(Expressions ex) {
    this.ex = ex;
    this.r = ex.rules();
  }

  /**
   * When time alone could next change this contact's lifecycle, sunset flag or treatment, in epoch
   * seconds; null when nothing lies ahead. The candidates are the cut-offs not yet crossed: the end
   * of NEW, each tier, the sunset and the end of the complaint's lookback at the time plus the span
   * in the business's calendar (months of their own length, days across a change of summer time),
   * each rhythm multiple and the day P(alive) falls below its threshold in exact seconds. A
   * calendar moment is never later than the crossing (adding a month to a date can only clip it
   * back), and an hour of margin covers how each store applies summer time; a row is rechecked no
   * sooner than an hour ahead, so one that a clipped month brought back early waits an hour rather
   * than a cycle.
   */
  String recheck() {
    Spans s = r.spans();
    List<String> ahead = new ArrayList<>();
    ahead.add(
        "CASE WHEN "
            + ex.epoch("first_activity_at")
            + " >= "
            + Expressions.epoch(r.newSince())
            + " THEN "
            + after("first_activity_at", s.newWithin())
            + " END");
    Instant[] cutoffs = {r.atRiskBefore(), r.lapsedBefore(), r.dormantBefore()};
    TimeSpan[] spans = {s.atRisk(), s.lapsed(), s.dormant()};
    for (int i = 0; i < cutoffs.length; i++) {
      if (cutoffs[i] != null) {
        ahead.add(
            "CASE WHEN "
                + ex.epoch("last_activity_at")
                + " >= "
                + Expressions.epoch(cutoffs[i])
                + " THEN "
                + after("last_activity_at", spans[i])
                + " END");
      }
    }
    String rhythmSeconds = "(" + ex.rhythm() + ") * 86400.0";
    for (double factor : new double[] {r.rhythmAtRisk(), r.rhythmLapsed()}) {
      String at = ex.epoch("last_purchase_at") + " + " + num(factor) + " * " + rhythmSeconds;
      ahead.add(
          "CASE WHEN "
              + ex.rhythmApplies()
              + " AND "
              + at
              + " > "
              + ex.now()
              + " THEN "
              + at
              + " END");
    }
    PurchaseModel m = r.model();
    if (m != null) {
      // P(alive) < θ when ((α + T) / (α + t_x))^(r + x) > (1/θ - 1) (b + x - 1) / a
      String x = REPEATS;
      String unit = num(m.timeUnitDays() * 86400.0);
      String tx = ex.recency(m);
      String bound =
          "LN("
              + num(1 / r.pAliveAtRisk() - 1)
              + " * ("
              + num(m.b())
              + " + "
              + x
              + " - 1) / "
              + num(m.a())
              + ")";
      String tStar =
          "(("
              + num(m.alpha())
              + " + "
              + tx
              + ") * EXP(LEAST(700.0, "
              + bound
              + " / ("
              + num(m.r())
              + " + "
              + x
              + "))) - "
              + num(m.alpha())
              + ")";
      String at = ex.epoch("first_purchase_at") + " + " + tStar + " * " + unit;
      ahead.add(
          "CASE WHEN purchase_days >= 2 AND " + at + " > " + ex.now() + " THEN " + at + " END");
    }
    String sunsetBefore = Expressions.epoch(r.sunsetBefore());
    for (String column : new String[] {"first_email_at", "last_engaged_at"}) {
      ahead.add(
          "CASE WHEN emails_sent >= "
              + r.sunsetAfterMessages()
              + " AND "
              + ex.epoch(column)
              + " >= "
              + sunsetBefore
              + " THEN "
              + after(column, s.sunset())
              + " END");
    }
    ahead.add(
        "CASE WHEN "
            + ex.epoch("last_complaint_at")
            + " >= "
            + Expressions.epoch(r.complaintsSince())
            + " THEN "
            + after("last_complaint_at", s.complaints())
            + " END");
    String next = "LEAST(" + String.join(", ", ahead) + ")";
    return "CASE WHEN "
        + next
        + " IS NULL THEN NULL ELSE GREATEST("
        + next
        + " - 3600.0, "
        + ex.now()
        + " + 3600.0) END";
  }

  /**
   * The moment {@code span} after a time column, in epoch seconds: calendar spans in the business's
   * zone, clock spans in seconds.
   */
  private String after(String column, TimeSpan span) {
    if (span.duration() != null) {
      return "(" + ex.epoch(column) + " + " + num(span.duration().toMillis() / 1000.0) + ")";
    }
    String zone = r.spans().zone();
    if (!zone.matches("[A-Za-z0-9/_+-]+")) {
      throw new IllegalArgumentException("not a time zone id: " + zone);
    }
    // PostgreSQL: the local time in the zone, to which the intervals add in its calendar, then
    // back to an instant. H2 keeps the offset the time had (so summer time may shift it by the
    // hour of margin), and needs the cast to know the type inside a derived table.
    String local =
        ex.postgres()
            ? "(" + column + " AT TIME ZONE '" + zone + "')"
            : "CAST(" + column + " AT TIME ZONE '" + zone + "' AS TIMESTAMP WITH TIME ZONE)";
    // the rule takes months off "now" and then days, so its crossing is the time plus the days
    // and then the months
    if (span.period().getDays() > 0) {
      local = "(" + local + " + INTERVAL '" + span.period().getDays() + "' DAY)";
    }
    long months = span.period().toTotalMonths();
    if (months > 0) {
      local = "(" + local + " + INTERVAL '" + months + "' MONTH)";
    }
    return SegmentSql.epochOf(local + " AT TIME ZONE '" + zone + "'", ex.postgres());
  }
}
