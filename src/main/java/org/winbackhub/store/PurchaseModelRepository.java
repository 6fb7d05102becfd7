package org.winbackhub.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Optional;

/** The fitted purchase models (purchase_model), the latest of which the segment rules use. */
public final class PurchaseModelRepository {

  /** The fitted purchase model the rules use (BG/NBD and, when fitted, Gamma-Gamma). */
  public record PurchaseModel(
      Instant fittedAt,
      int customers,
      int timeUnitDays,
      double r,
      double alpha,
      double a,
      double b,
      double logLikelihood,
      Double spendP,
      Double spendQ,
      Double spendGamma) {}

  private final Database db;

  public PurchaseModelRepository(Database db) {
    this.db = db;
  }

  public void save(PurchaseModel m) {
    db.inTransaction(
        "save purchase model",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO purchase_model (fitted_at, customers, time_unit_days, r, alpha, a,"
                      + " b, loglik, spend_p, spend_q, spend_gamma) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?, ?, ?)")) {
            ps.setObject(1, Database.ts(m.fittedAt()));
            ps.setInt(2, m.customers());
            ps.setInt(3, m.timeUnitDays());
            ps.setDouble(4, m.r());
            ps.setDouble(5, m.alpha());
            ps.setDouble(6, m.a());
            ps.setDouble(7, m.b());
            ps.setDouble(8, m.logLikelihood());
            ps.setObject(9, m.spendP());
            ps.setObject(10, m.spendQ());
            ps.setObject(11, m.spendGamma());
            return ps.executeUpdate();
          }
        });
  }

  public Optional<PurchaseModel> latest() {
    return db.inTransaction(
        "read purchase model",
        c ->
            Rows.first(
                c,
                "SELECT fitted_at, customers, time_unit_days, r, alpha, a, b, loglik, spend_p,"
                    + " spend_q, spend_gamma FROM purchase_model ORDER BY id DESC LIMIT 1",
                rs ->
                    new PurchaseModel(
                        Database.instant(rs.getObject(1)),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getDouble(7),
                        rs.getDouble(8),
                        (Double) number(rs.getObject(9)),
                        (Double) number(rs.getObject(10)),
                        (Double) number(rs.getObject(11)))));
  }

  private static Object number(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }
}
