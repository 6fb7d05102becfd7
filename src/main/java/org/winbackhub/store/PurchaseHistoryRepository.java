package org.winbackhub.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.function.Consumer;

/** The buyers' purchase histories, as the facts hold them, for fitting the purchase model. */
public final class PurchaseHistoryRepository {

  /** One contact's purchase history in the terms the model needs. */
  public record PurchaseHistory(
      long contactId,
      int purchaseDays,
      Instant firstPurchaseAt,
      Instant lastPurchaseAt,
      BigDecimal totalSpend,
      int purchaseCount) {}

  private final Database db;

  public PurchaseHistoryRepository(Database db) {
    this.db = db;
  }

  /** Streams every buyer's purchase history, in contact order, for fitting the purchase model. */
  public void forEach(Consumer<PurchaseHistory> out) {
    db.inTransaction(
        "read purchase histories",
        c -> {
          c.setAutoCommit(false);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT contact_id, purchase_days, first_purchase_at, last_purchase_at,"
                      + " total_spend, purchase_count FROM contact_fact WHERE purchase_days > 0"
                      + " ORDER BY contact_id")) {
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.accept(
                    new PurchaseHistory(
                        rs.getLong(1),
                        rs.getInt(2),
                        Database.instant(rs.getObject(3)),
                        Database.instant(rs.getObject(4)),
                        rs.getBigDecimal(5),
                        rs.getInt(6)));
              }
            }
          }
          return null;
        });
  }
}
