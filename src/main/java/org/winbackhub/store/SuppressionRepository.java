package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.winbackhub.model.Channel;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.SuppressionReason;

/** Addresses that must never be messaged again on a channel. */
public final class SuppressionRepository {
  private final Database db;

  public SuppressionRepository(Database db) {
    this.db = db;
  }

  /** An address to suppress on a channel, why, and who decided it. */
  public record Suppressed(
      Channel channel, String address, SuppressionReason reason, String source) {}

  /**
   * Suppresses addresses in the caller's transaction, each as {@link #suppress} does; returns how
   * many were new.
   */
  public int suppress(Connection c, List<Suppressed> addresses, Instant now) throws SQLException {
    if (addresses.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (Suppressed s : addresses) {
        bind(ps, s.channel(), s.address(), s.reason(), s.source(), now);
        ps.addBatch();
      }
      int n = 0;
      for (int r : ps.executeBatch()) {
        n += Math.max(r, 0);
      }
      return n;
    }
  }

  /**
   * Suppresses an address; the first reason recorded stays. Email addresses are kept in the form
   * they are compared in ({@link EmailAddress#key}), so any case or Unicode form of one matches.
   */
  public void suppress(
      Channel channel, String address, SuppressionReason reason, String source, Instant now) {
    db.inTransaction("suppress address", c -> suppress(c, channel, address, reason, source, now));
  }

  /**
   * As {@link #suppress}, in the caller's transaction; true when the address is newly suppressed.
   */
  public boolean suppress(
      Connection c,
      Channel channel,
      String address,
      SuppressionReason reason,
      String source,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bind(ps, channel, address, reason, source, now);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Lifts the suppression of an address on a channel, in the caller's transaction, when it was for
   * one of {@code reasons} (an SMS START lifts a STOP, never a hard bounce); true when one was.
   */
  public boolean lift(
      Connection c, Channel channel, String address, List<SuppressionReason> reasons)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM suppression WHERE channel = ? AND address = ? AND reason IN "
                + Sql.in(reasons))) {
      ps.setString(1, channel.code());
      ps.setString(2, channel == Channel.EMAIL ? EmailAddress.key(address) : address);
      int i = 3;
      for (SuppressionReason r : reasons) {
        ps.setString(i++, r.name());
      }
      return ps.executeUpdate() > 0;
    }
  }

  private static final String INSERT =
      "INSERT INTO suppression (channel, address, reason, source, created_at)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private static void bind(
      PreparedStatement ps,
      Channel channel,
      String address,
      SuppressionReason reason,
      String source,
      Instant now)
      throws SQLException {
    ps.setString(1, channel.code());
    ps.setString(2, channel == Channel.EMAIL ? EmailAddress.key(address) : address);
    ps.setString(3, reason.name());
    ps.setString(4, source);
    ps.setObject(5, Database.ts(now));
  }
}
