package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.winbackhub.model.Channel;

/**
 * Who may enter a journey: its audience, read from contacts and their facts, less those a run of
 * the journey already has, or had too recently to enter again.
 */
public final class AudienceQuery {

  /**
   * Who a journey may take beyond lifecycle: treatments (empty: any), what to do with email sunset
   * candidates ({@code exclude}, {@code include}, {@code only}), a minimum value score, behaviour
   * classes (empty: any; {@code none}: never bought), a maximum value score.
   */
  public record AudienceFilter(
      List<String> lifecycles,
      List<String> treatments,
      String sunset,
      Integer minScore,
      List<String> behaviours,
      Integer maxScore) {
    public AudienceFilter(
        List<String> lifecycles, List<String> treatments, String sunset, Integer minScore) {
      this(lifecycles, treatments, sunset, minScore, List.of(), null);
    }
  }

  /** A contact who may enter, and the number of the run it starts. */
  public record Entrant(long contactId, int cycle) {}

  private final Database db;

  public AudienceQuery(Database db) {
    this.db = db;
  }

  /**
   * Contacts that may enter {@code journeyId}: in one of the filter's lifecycles (and treatments,
   * behaviours, score, sunset), not archived, reachable and not opted out or suppressed on {@code
   * channel}, and with no run of this journey, neither themselves nor any contact merged into them
   * — or, with {@code reenterBefore}, none still running and none begun after that instant.
   */
  public List<Entrant> audience(
      String journeyId, AudienceFilter filter, Channel channel, Instant reenterBefore) {
    List<String> lifecycles = filter.lifecycles();
    List<String> behaviours = filter.behaviours().stream().filter(b -> !b.equals("none")).toList();
    boolean never = filter.behaviours().contains("none");
    String address = channel == Channel.EMAIL ? "k.email" : "k.phone";
    String consent = channel == Channel.EMAIL ? "k.email_consent" : "k.sms_consent";
    String sql =
        "SELECT k.id, "
            + cycle(reenterBefore)
            + " FROM contact k JOIN contact_fact f ON f.contact_id = k.id"
            + " WHERE k.merged_into IS NULL AND k.archived_at IS NULL AND f.lifecycle IN "
            + Sql.in(lifecycles)
            + " AND "
            + address
            + " IS NOT NULL AND "
            + consent
            + " <> 'OPTED_OUT'"
            + (filter.treatments().isEmpty()
                ? ""
                : " AND f.treatment IN " + Sql.in(filter.treatments()))
            + (filter.behaviours().isEmpty()
                ? ""
                : " AND ("
                    + (behaviours.isEmpty() ? "" : "f.behaviour IN " + Sql.in(behaviours))
                    + (behaviours.isEmpty() || !never ? "" : " OR ")
                    + (never ? "f.behaviour IS NULL" : "")
                    + ")")
            + (channel != Channel.EMAIL || filter.sunset().equals("include")
                ? ""
                : filter.sunset().equals("only") ? " AND f.sunset" : " AND NOT f.sunset")
            + (filter.minScore() == null
                ? ""
                : " AND f.value_score >= " + filter.minScore().intValue())
            + (filter.maxScore() == null
                ? ""
                : " AND COALESCE(f.value_score, 0) <= " + filter.maxScore().intValue())
            + " AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.channel = ? AND s.address = "
            + (channel == Channel.EMAIL ? "k.email_key" : address) // suppressed addresses are keys
            + ")"
            + notRunning(reenterBefore)
            + " ORDER BY k.id";
    return db.inTransaction(
        "select journey audience",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindCycle(ps, 1, journeyId, reenterBefore);
            for (String l : lifecycles) {
              ps.setString(i++, l);
            }
            for (String t : filter.treatments()) {
              ps.setString(i++, t);
            }
            for (String b : behaviours) {
              ps.setString(i++, b);
            }
            ps.setString(i++, channel.code());
            bindNotRunning(ps, i, journeyId, reenterBefore);
            ps.setFetchSize(1000);
            return read(ps);
          }
        });
  }

  /**
   * Of {@code contactIds}, those that may start a run of {@code journeyId} now, by the same rule as
   * the audience's (no run, or with {@code reenterBefore} none running nor begun after it), in the
   * caller's transaction: for a hand-off from another journey's exit.
   */
  public List<Entrant> mayEnter(
      Connection c, String journeyId, Collection<Long> contactIds, Instant reenterBefore)
      throws SQLException {
    if (contactIds.isEmpty()) {
      return List.of();
    }
    String sql =
        "SELECT k.id, "
            + cycle(reenterBefore)
            + " FROM contact k WHERE k.id = ANY (?) AND k.merged_into IS NULL"
            + " AND k.archived_at IS NULL"
            + notRunning(reenterBefore)
            + " ORDER BY k.id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = bindCycle(ps, 1, journeyId, reenterBefore);
      ps.setArray(i++, c.createArrayOf("bigint", contactIds.toArray()));
      bindNotRunning(ps, i, journeyId, reenterBefore);
      return read(ps);
    }
  }

  /** The run a contact starts: 1 when a journey is run once, else the one after its last. */
  private static String cycle(Instant reenterBefore) {
    return reenterBefore == null
        ? "1"
        : "(SELECT COALESCE(MAX(p.cycle), 0) + 1 FROM enrollment p WHERE p.contact_id = k.id"
            + " AND p.journey_id = ?)";
  }

  private static int bindCycle(PreparedStatement ps, int i, String journeyId, Instant reenterBefore)
      throws SQLException {
    if (reenterBefore != null) {
      ps.setString(i++, journeyId);
    }
    return i;
  }

  /**
   * No run of the journey that bars a new one — any at all, or with re-entry one still running or
   * begun too recently — neither the contact's own nor one of a contact merged into it: a merged
   * contact's run (and the mail it got) is the person's.
   */
  private static String notRunning(Instant reenterBefore) {
    String bars =
        reenterBefore == null
            ? ""
            : " AND (n.status IN ('ENROLLED', 'HELD_OUT') OR n.enrolled_at > ?)";
    return " AND NOT EXISTS (SELECT 1 FROM enrollment n WHERE n.contact_id = k.id"
        + " AND n.journey_id = ?"
        + bars
        + ") AND NOT EXISTS (SELECT 1 FROM contact m JOIN enrollment n ON n.contact_id = m.id"
        + " WHERE m.merged_into = k.id AND n.journey_id = ?"
        + bars
        + ")";
  }

  private static void bindNotRunning(
      PreparedStatement ps, int i, String journeyId, Instant reenterBefore) throws SQLException {
    for (int twice = 0; twice < 2; twice++) {
      ps.setString(i++, journeyId);
      if (reenterBefore != null) {
        ps.setObject(i++, Database.ts(reenterBefore));
      }
    }
  }

  private static List<Entrant> read(PreparedStatement ps) throws SQLException {
    List<Entrant> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Entrant(rs.getLong(1), rs.getInt(2)));
      }
    }
    return out;
  }
}
