package org.winbackhub.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.winbackhub.model.TimeSpan;

/**
 * Facts derived from the activity history, the lifecycle they put each contact in, and the
 * history of those lifecycles. Everything is set-based (see {@link SegmentRun}): a full run
 * aggregates every contact's events in one INSERT ... SELECT with every rule evaluated in it; an
 * incremental run recomputes the contacts whose events, merges or records changed since the last
 * run, and re-evaluates only the rows whose next cut-off has come (time passing moves contacts
 * across tiers without any new event).
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

  /** The fitted purchase model the rules use (BG/NBD and, when fitted, Gamma-Gamma). */
  public record PurchaseModel(
      Instant fittedAt, int customers, int timeUnitDays, double r, double alpha, double a, double b, double logLikelihood,
      Double spendP, Double spendQ, Double spendGamma) {}

  /** One contact's purchase history in the terms the model needs. */
  public record PurchaseHistory(long contactId, int purchaseDays, Instant firstPurchaseAt, Instant lastPurchaseAt, BigDecimal totalSpend, int purchaseCount) {}

  /** A stay in a lifecycle segment; the current one has no {@code leftAt}. */
  public record Membership(String lifecycle, String reason, Instant enteredAt, Instant leftAt, String leftReason) {}

  /**
   * What one run did: contacts recomputed from their events, rows re-evaluated as time passed,
   * contacts that entered a segment (a first classification included), and how long each step took.
   */
  public record RunResult(String kind, int recomputed, int rechecked, int changed, Duration took, Map<String, Duration> phases) {}

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
      String f = "rules " + SegmentSql.VERSION + "|" + policy + "|model " + (model == null ? "-" : model.fittedAt())
          + (eventsBefore == null ? "" : "|events before " + eventsBefore);
      return f.length() <= 1000 ? f : f.substring(0, 900) + "#" + Integer.toHexString(f.hashCode());
    }
  }

  /**
   * The spans behind the cut-offs, and the business's time zone they count in: the moment a
   * contact will cross a calendar cut-off is its last activity plus the span in that calendar.
   */
  public record Spans(String zone, TimeSpan newWithin, TimeSpan atRisk, TimeSpan lapsed, TimeSpan dormant, TimeSpan sunset, TimeSpan complaints) {}

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

  private final Database db;
  private final int workers;

  public FactRepository(Database db) {
    this(db, 1);
  }

  /**
   * With {@code workers} connections computing a full run on PostgreSQL at once (about as many as
   * the database has cores to spare); H2 always uses one.
   */
  public FactRepository(Database db, int workers) {
    this.db = db;
    this.workers = workers;
  }

  /** Recomputes every live contact's facts and lifecycle. */
  public RunResult full(Rules rules) {
    return full(() -> rules);
  }

  /** The same, with the rules as of the moment the run may start (it waits for a run under way). */
  public RunResult full(Supplier<Rules> rules) {
    return run(rules, null);
  }

  /**
   * Recomputes the facts of contacts that changed since the last run started (less {@code
   * overlap}, for transactions that committed late), re-evaluates every contact's rules and writes
   * the ones that moved. Without an earlier run, a full run.
   */
  public RunResult incremental(Rules rules, Duration overlap) {
    return incremental(() -> rules, overlap);
  }

  /** The same, with the rules as of the moment the run may start (it waits for a run under way). */
  public RunResult incremental(Supplier<Rules> rules, Duration overlap) {
    return run(rules, overlap);
  }

  /**
   * One run at a time: the run holds the 'segment' lock row, in a transaction of its own, until it
   * is done (a full run on PostgreSQL spans several transactions and connections); its rules are
   * taken once it holds it, so that runs follow each other in time.
   */
  private RunResult run(Supplier<Rules> ruleSource, Duration overlap) {
    long started = System.nanoTime();
    try (Connection lock = db.dataSource().getConnection()) {
      lock.setAutoCommit(false);
      try {
        boolean postgres = db.isPostgres(lock);
        if (postgres) {
          SegmentRun.execute(lock, "SET LOCAL idle_in_transaction_session_timeout = 0"); // the lock waits while the run works
        }
        try (Statement st = lock.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM hub_lock WHERE name = 'segment' FOR UPDATE")) {
          if (!rs.next()) {
            throw new StoreException("segment contacts failed: the store has no 'segment' row in hub_lock (migration V6)", null);
          }
        }
        Rules rules = ruleSource.get();
        LastRun last = overlap == null ? null : lastRun(lock);
        boolean full = last == null || !last.fingerprint().equals(rules.fingerprint());
        String kind = full ? "full" : "incremental";
        SegmentRun run = new SegmentRun(db, rules, postgres, workers);
        SegmentRun.Finish finish = (c, tally) -> recordRun(c, kind, rules, tally);
        SegmentRun.Tally tally = full ? run.full(finish) : run.incremental(last.startedAt().minus(overlap), finish);
        return new RunResult(kind, tally.recomputed(), tally.rechecked(), tally.entered(), Duration.ofNanos(System.nanoTime() - started), run.phases());
      } finally {
        try {
          lock.rollback();
          lock.setAutoCommit(true);
        } catch (SQLException e) {
          // the lock's connection broke: closing it lets the lock go; the run's own result stands
        }
      }
    } catch (SQLException e) {
      throw new StoreException("segment contacts failed: " + e.getMessage(), e);
    }
  }

  private record LastRun(Instant startedAt, String fingerprint) {}

  /** The run that finished last: by id, since a run as of a past day starts "before" the ones it follows. */
  private static LastRun lastRun(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT started_at, rules FROM segment_run WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1")) {
      return rs.next() ? new LastRun(Database.instant(rs.getObject(1)), rs.getString(2)) : null;
    }
  }

  /** A finished run, written with its result: a run that failed leaves no row, so the next one starts from the last that finished. */
  private static void recordRun(Connection c, String kind, Rules rules, SegmentRun.Tally tally) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO segment_run (kind, started_at, finished_at, contacts, changed, rules) VALUES (?, ?, ?, ?, ?, ?)")) {
      Instant now = Instant.now();
      ps.setString(1, kind.toUpperCase(Locale.ROOT));
      ps.setObject(2, Database.ts(rules.now()));
      ps.setObject(3, Database.ts(now.isAfter(rules.now()) ? now : rules.now()));
      ps.setInt(4, tally.recomputed() + tally.rechecked());
      ps.setInt(5, tally.entered());
      ps.setString(6, rules.fingerprint());
      ps.executeUpdate();
    }
  }

  /** Per lifecycle: contacts, mean value score, worth winning back (score of 50 or more), we-fixed-it, sunset. */
  public record TierInsight(String lifecycle, long contacts, double meanScore, long worthWinning, long weFixedIt, long sunset) {}

  public List<TierInsight> insights() {
    return db.inTransaction(
        "summarize tiers",
        c -> {
          List<TierInsight> out = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT lifecycle, COUNT(*), AVG(COALESCE(value_score, 0)), COUNT(CASE WHEN value_score >= 50 THEN 1 END),"
                          + " COUNT(CASE WHEN treatment = 'we_fixed_it' THEN 1 END), COUNT(CASE WHEN sunset THEN 1 END)"
                          + " FROM contact_fact GROUP BY lifecycle ORDER BY lifecycle")) {
            while (rs.next()) {
              out.add(new TierInsight(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
            }
          }
          return out;
        });
  }

  /** A contact in {@code lifecycle}, the most valuable first, for examples. */
  public Optional<Long> example(String lifecycle) {
    return db.inTransaction(
        "pick an example",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT contact_id FROM contact_fact WHERE lifecycle = ? ORDER BY value_score DESC, contact_id LIMIT 1")) {
            ps.setString(1, lifecycle);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
          }
        });
  }

  public Map<String, Long> countByLifecycle() {
    return db.inTransaction(
        "count contacts by lifecycle",
        c -> Counts.grouped(c, "SELECT lifecycle, COUNT(*) FROM contact_fact GROUP BY lifecycle ORDER BY lifecycle"));
  }

  /** Streams every buyer's purchase history, in contact order, for fitting the purchase model. */
  public void purchaseHistories(Consumer<PurchaseHistory> out) {
    db.inTransaction(
        "read purchase histories",
        c -> {
          c.setAutoCommit(false);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT contact_id, purchase_days, first_purchase_at, last_purchase_at, total_spend, purchase_count"
                      + " FROM contact_fact WHERE purchase_days > 0 ORDER BY contact_id")) {
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.accept(new PurchaseHistory(rs.getLong(1), rs.getInt(2), Database.instant(rs.getObject(3)),
                    Database.instant(rs.getObject(4)), rs.getBigDecimal(5), rs.getInt(6)));
              }
            }
          }
          return null;
        });
  }

  public void saveModel(PurchaseModel m) {
    db.inTransaction(
        "save purchase model",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO purchase_model (fitted_at, customers, time_unit_days, r, alpha, a, b, loglik, spend_p, spend_q, spend_gamma)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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

  public Optional<PurchaseModel> latestModel() {
    return db.inTransaction(
        "read purchase model",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT fitted_at, customers, time_unit_days, r, alpha, a, b, loglik, spend_p, spend_q, spend_gamma"
                          + " FROM purchase_model ORDER BY id DESC LIMIT 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(new PurchaseModel(Database.instant(rs.getObject(1)), rs.getInt(2), rs.getInt(3), rs.getDouble(4),
                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), (Double) number(rs.getObject(9)),
                (Double) number(rs.getObject(10)), (Double) number(rs.getObject(11))));
          }
        });
  }

  private static Object number(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  /** The contact's stays in segments, the current one last: the ended ones from the history, the current one from its facts. */
  public List<Membership> memberships(long contactId) {
    return db.inTransaction(
        "read segment history",
        c -> {
          List<Membership> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT lifecycle, reason, entered_at, left_at, left_reason FROM segment_membership WHERE contact_id = ? ORDER BY entered_at, left_at, id")) {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Membership(rs.getString(1), rs.getString(2), Database.instant(rs.getObject(3)), Database.instant(rs.getObject(4)), rs.getString(5)));
              }
            }
          }
          try (PreparedStatement ps = c.prepareStatement("SELECT lifecycle, lifecycle_reason, lifecycle_since FROM contact_fact WHERE contact_id = ?")) {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                out.add(new Membership(rs.getString(1), rs.getString(2), Database.instant(rs.getObject(3)), null, null));
              }
            }
          }
          return out;
        });
  }

  public Optional<Facts> find(long contactId) {
    return db.inTransaction(
        "read contact facts",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT contact_id, first_purchase_at, last_purchase_at, purchase_count, purchase_days, total_spend,"
                      + " discount_purchases, last_visit_at, last_click_at, last_open_at, first_activity_at, last_activity_at,"
                      + " complaint_count, emails_sent, first_email_at, last_engaged_at, rhythm_days, p_alive, expected_purchases,"
                      + " expected_value, value_score, behaviour, treatment, sunset, sunset_reason, lifecycle, lifecycle_reason,"
                      + " lifecycle_since, computed_at, last_complaint_at FROM contact_fact WHERE contact_id = ?")) {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
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
                      Database.instant(rs.getObject(29))));
            }
          }
        });
  }
}
