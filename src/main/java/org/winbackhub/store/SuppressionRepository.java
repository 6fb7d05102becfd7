package org.winbackhub.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import org.winbackhub.model.Channel;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.SuppressionReason;

/** Addresses that must never be messaged again on a channel. */
public final class SuppressionRepository {
  private final Database db;

  public SuppressionRepository(Database db) {
    this.db = db;
  }

  /**
   * Suppresses an address; the first reason recorded stays. Email addresses are kept in the form
   * they are compared in ({@link EmailAddress#key}), so any case or Unicode form of one matches.
   */
  public void suppress(
      Channel channel, String address, SuppressionReason reason, String source, Instant now) {
    db.inTransaction(
        "suppress address",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO suppression (channel, address, reason, source, created_at)"
                      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, channel.code());
            ps.setString(2, channel == Channel.EMAIL ? EmailAddress.key(address) : address);
            ps.setString(3, reason.name());
            ps.setString(4, source);
            ps.setObject(5, Database.ts(now));
            return ps.executeUpdate();
          }
        });
  }
}
