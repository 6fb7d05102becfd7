package org.winbackhub.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.winbackhub.model.Treatment;

/**
 * The facts derived from each contact's activity history as the segment runs store them
 * (contact_fact: the facts, the rules' verdicts, the current stay in a segment), and the history of
 * those stays (segment_membership). Read only: the runs that write them are the segment stage's.
 */
public final class FactRepository {

  /** The derived facts of one contact. */
  public record Facts(
      long contactId,
      Instant firstPurchaseAt,
      Instant lastPurchaseAt,
      int purchaseCount,
      int purchaseDays,
      BigDecimal totalSpend,
      int discountPurchases,
      Instant lastVisitAt,
      Instant lastClickAt,
      Instant lastOpenAt,
      Instant firstActivityAt,
      Instant lastActivityAt,
      int complaintCount,
      Instant lastComplaintAt,
      int emailsSent,
      Instant firstEmailAt,
      Instant lastEngagedAt,
      BigDecimal rhythmDays,
      Double pAlive,
      Double expectedPurchases,
      BigDecimal expectedValue,
      Integer valueScore,
      String behaviour,
      String treatment,
      boolean sunset,
      String sunsetReason,
      String lifecycle,
      String lifecycleReason,
      Instant lifecycleSince,
      Instant computedAt) {}

  /** A stay in a lifecycle segment; the current one has no {@code leftAt}. */
  public record Membership(
      String lifecycle, String reason, Instant enteredAt, Instant leftAt, String leftReason) {}

  private final Database db;

  public FactRepository(Database db) {
    this.db = db;
  }

  /**
   * Per lifecycle: contacts, mean value score, worth winning back (score of 50 or more),
   * we-fixed-it, sunset.
   */
  public record TierInsight(
      String lifecycle,
      long contacts,
      double meanScore,
      long worthWinning,
      long weFixedIt,
      long sunset) {}

  public List<TierInsight> insights() {
    return db.inTransaction(
        "summarize tiers",
        c ->
            Rows.list(
                c,
                "SELECT lifecycle, COUNT(*), AVG(COALESCE(value_score, 0)), COUNT(CASE WHEN"
                    + " value_score >= 50 THEN 1 END), COUNT(CASE WHEN treatment = '"
                    + Treatment.WE_FIXED_IT.sql()
                    + "' THEN 1 END), COUNT(CASE WHEN sunset THEN 1 END)"
                    + " FROM contact_fact GROUP BY lifecycle ORDER BY lifecycle",
                rs ->
                    new TierInsight(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getDouble(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6))));
  }

  /** A contact in {@code lifecycle}, the most valuable first, for examples. */
  public Optional<Long> example(String lifecycle) {
    return db.inTransaction(
        "pick an example",
        c ->
            Rows.first(
                c,
                "SELECT contact_id FROM contact_fact WHERE lifecycle = ? ORDER BY value_score DESC,"
                    + " contact_id LIMIT 1",
                rs -> rs.getLong(1),
                lifecycle));
  }

  public Map<String, Long> countByLifecycle() {
    return db.inTransaction(
        "count contacts by lifecycle",
        c ->
            Counts.grouped(
                c,
                "SELECT lifecycle, COUNT(*) FROM contact_fact GROUP BY lifecycle ORDER BY"
                    + " lifecycle"));
  }

  /**
   * The contact's stays in segments, the current one last: the ended ones from the history, the
   * current one from its facts.
   */
  public List<Membership> memberships(long contactId) {
    return db.inTransaction(
        "read segment history",
        c -> {
          List<Membership> out =
              Rows.list(
                  c,
                  "SELECT lifecycle, reason, entered_at, left_at, left_reason FROM"
                      + " segment_membership WHERE contact_id = ? ORDER BY entered_at, left_at, id",
                  rs ->
                      new Membership(
                          rs.getString(1),
                          rs.getString(2),
                          Database.instant(rs.getObject(3)),
                          Database.instant(rs.getObject(4)),
                          rs.getString(5)),
                  contactId);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT lifecycle, lifecycle_reason, lifecycle_since FROM contact_fact WHERE"
                      + " contact_id = ?")) {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                out.add(
                    new Membership(
                        rs.getString(1),
                        rs.getString(2),
                        Database.instant(rs.getObject(3)),
                        null,
                        null));
              }
            }
          }
          return out;
        });
  }

  public Optional<Facts> find(long contactId) {
    return db.inTransaction(
        "read contact facts",
        c ->
            Rows.first(
                c,
                "SELECT contact_id, first_purchase_at, last_purchase_at, purchase_count,"
                    + " purchase_days, total_spend, discount_purchases, last_visit_at,"
                    + " last_click_at, last_open_at, first_activity_at, last_activity_at,"
                    + " complaint_count, emails_sent, first_email_at, last_engaged_at,"
                    + " rhythm_days, p_alive, expected_purchases, expected_value, value_score,"
                    + " behaviour, treatment, sunset, sunset_reason, lifecycle, lifecycle_reason,"
                    + " lifecycle_since, computed_at, last_complaint_at FROM contact_fact WHERE"
                    + " contact_id = ?",
                rs ->
                    new Facts(
                        rs.getLong(1),
                        Database.instant(rs.getObject(2)),
                        Database.instant(rs.getObject(3)),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getBigDecimal(6),
                        rs.getInt(7),
                        Database.instant(rs.getObject(8)),
                        Database.instant(rs.getObject(9)),
                        Database.instant(rs.getObject(10)),
                        Database.instant(rs.getObject(11)),
                        Database.instant(rs.getObject(12)),
                        rs.getInt(13),
                        Database.instant(rs.getObject(30)),
                        rs.getInt(14),
                        Database.instant(rs.getObject(15)),
                        Database.instant(rs.getObject(16)),
                        rs.getBigDecimal(17),
                        (Double) number(rs.getObject(18)),
                        (Double) number(rs.getObject(19)),
                        rs.getBigDecimal(20),
                        (Integer) (rs.getObject(21) == null ? null : rs.getInt(21)),
                        rs.getString(22),
                        rs.getString(23),
                        rs.getBoolean(24),
                        rs.getString(25),
                        rs.getString(26),
                        rs.getString(27),
                        Database.instant(rs.getObject(28)),
                        Database.instant(rs.getObject(29))),
                contactId));
  }

  private static Object number(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }
}
