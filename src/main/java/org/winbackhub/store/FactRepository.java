package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Facts derived from the activity history, and the lifecycle they put each contact in. */
public final class FactRepository {

  /** Contacts whose last activity is before {@code before} get {@code lifecycle}. */
  public record Band(String lifecycle, Instant before, String reason) {}

  /** The derived facts of one contact. */
  public record Facts(
      long contactId,
      Instant firstPurchaseAt,
      Instant lastPurchaseAt,
      int purchaseCount,
      java.math.BigDecimal totalSpend,
      Instant lastVisitAt,
      Instant lastClickAt,
      Instant lastActivityAt,
      int complaintCount,
      String lifecycle,
      String lifecycleReason,
      Instant computedAt) {}

  private final Database db;

  public FactRepository(Database db) {
    this.db = db;
  }

  /**
   * Recomputes every live contact's facts from its events, set-based. {@code activityTypes} are
   * the event type codes that count as activity for the last-activity fact.
   */
  public int refresh(List<String> activityTypes, Instant now) {
    String activity = activityTypes.isEmpty() ? "(NULL)" : Sql.in(activityTypes);
    String sql =
        "INSERT INTO contact_fact (contact_id, first_purchase_at, last_purchase_at, purchase_count,"
            + " total_spend, last_visit_at, last_click_at, last_open_at, last_activity_at,"
            + " complaint_count, lifecycle, lifecycle_reason, computed_at)"
            + " SELECT k.id,"
            + " MIN(CASE WHEN e.type = 'purchase' THEN e.occurred_at END),"
            + " MAX(CASE WHEN e.type = 'purchase' THEN e.occurred_at END),"
            + " COUNT(CASE WHEN e.type = 'purchase' THEN 1 END),"
            + " COALESCE(SUM(CASE WHEN e.type = 'purchase' THEN e.amount END), 0),"
            + " MAX(CASE WHEN e.type = 'visit' THEN e.occurred_at END),"
            + " MAX(CASE WHEN e.type IN ('email_clicked', 'sms_clicked') THEN e.occurred_at END),"
            + " MAX(CASE WHEN e.type = 'email_opened' THEN e.occurred_at END),"
            + " MAX(CASE WHEN e.type IN "
            + activity
            + " THEN e.occurred_at END),"
            + " COUNT(CASE WHEN e.type = 'complaint' THEN 1 END),"
            + " 'NEVER_ENGAGED', 'not classified yet', ?"
            + " FROM contact k LEFT JOIN (SELECT ce.type, ce.occurred_at, ce.amount,"
            + " COALESCE(owner.merged_into, owner.id) AS contact_id FROM contact_event ce"
            + " JOIN contact owner ON owner.id = ce.contact_id) e ON e.contact_id = k.id"
            + " WHERE k.merged_into IS NULL GROUP BY k.id";
    return db.inTransaction(
        "refresh contact facts",
        c -> {
          try (PreparedStatement del = c.prepareStatement("DELETE FROM contact_fact")) {
            del.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String type : activityTypes) {
              ps.setString(i++, type);
            }
            ps.setObject(i, Database.ts(now));
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Sets every contact's lifecycle by the recency of its last activity, in one statement. {@code
   * bands} go from the oldest cut-off to the newest; the first that matches wins. Contacts with no
   * activity get {@code never}; those newer than every band get {@code otherwise}.
   */
  public int classifyByRecency(List<Band> bands, Band never, Band otherwise) {
    StringBuilder lifecycle = new StringBuilder("CASE WHEN last_activity_at IS NULL THEN ?");
    StringBuilder reason = new StringBuilder("CASE WHEN last_activity_at IS NULL THEN ?");
    for (int i = 0; i < bands.size(); i++) {
      lifecycle.append(" WHEN last_activity_at < ? THEN ?");
      reason.append(" WHEN last_activity_at < ? THEN ?");
    }
    lifecycle.append(" ELSE ? END");
    reason.append(" ELSE ? END");
    String sql =
        "UPDATE contact_fact SET lifecycle = " + lifecycle + ", lifecycle_reason = " + reason;
    return db.inTransaction(
        "classify contacts",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            i = bindCase(ps, i, bands, never, otherwise, true);
            bindCase(ps, i, bands, never, otherwise, false);
            return ps.executeUpdate();
          }
        });
  }

  private static int bindCase(
      PreparedStatement ps, int i, List<Band> bands, Band never, Band otherwise, boolean lifecycle)
      throws SQLException {
    ps.setString(i++, lifecycle ? never.lifecycle() : never.reason());
    for (Band b : bands) {
      ps.setObject(i++, Database.ts(b.before()));
      ps.setString(i++, lifecycle ? b.lifecycle() : b.reason());
    }
    ps.setString(i++, lifecycle ? otherwise.lifecycle() : otherwise.reason());
    return i;
  }

  public Map<String, Long> countByLifecycle() {
    return db.inTransaction(
        "count contacts by lifecycle",
        c ->
            Counts.grouped(
                c,
                "SELECT lifecycle, COUNT(*) FROM contact_fact GROUP BY lifecycle ORDER BY lifecycle"));
  }

  public Optional<Facts> find(long contactId) {
    return db.inTransaction(
        "read contact facts",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT contact_id, first_purchase_at, last_purchase_at, purchase_count,"
                      + " total_spend, last_visit_at, last_click_at, last_activity_at,"
                      + " complaint_count, lifecycle, lifecycle_reason, computed_at"
                      + " FROM contact_fact WHERE contact_id = ?")) {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              List<Facts> out = new ArrayList<>();
              while (rs.next()) {
                out.add(
                    new Facts(
                        rs.getLong(1),
                        Database.instant(rs.getObject(2)),
                        Database.instant(rs.getObject(3)),
                        rs.getInt(4),
                        rs.getBigDecimal(5),
                        Database.instant(rs.getObject(6)),
                        Database.instant(rs.getObject(7)),
                        Database.instant(rs.getObject(8)),
                        rs.getInt(9),
                        rs.getString(10),
                        rs.getString(11),
                        Database.instant(rs.getObject(12))));
              }
              return out.stream().findFirst();
            }
          }
        });
  }

}
