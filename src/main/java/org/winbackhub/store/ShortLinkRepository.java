package org.winbackhub.store;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The short links of SMS messages: a code names one message's link and the target it leads to.
 * Codes are made by the caller (random, unguessable); a code already taken by another link is drawn
 * again.
 */
public final class ShortLinkRepository {

  /** What a short code stands for. */
  public record ShortLink(String code, long outboxId, long contactId, String link, String target) {}

  private static final int DRAWS = 5;
  private final Database db;

  public ShortLinkRepository(Database db) {
    this.db = db;
  }

  /**
   * The code of {@code link} in outbox message {@code outboxId}: the one stored for it, or a new
   * one from {@code codes} leading to {@code target}.
   */
  public String codeFor(
      long outboxId,
      long contactId,
      String link,
      String target,
      Supplier<String> codes,
      Instant now) {
    for (int draw = 0; draw < DRAWS; draw++) {
      String code = codes.get();
      Optional<String> stored =
          db.inTransaction(
              "store short link",
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO short_link (code, outbox_id, contact_id, link, target_url,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                  ps.setString(1, code);
                  ps.setLong(2, outboxId);
                  ps.setLong(3, contactId);
                  ps.setString(4, link);
                  ps.setString(5, target);
                  ps.setObject(6, Database.ts(now));
                  ps.executeUpdate();
                }
                return Rows.first(
                    c,
                    "SELECT code FROM short_link WHERE outbox_id = ? AND link = ?",
                    rs -> rs.getString(1),
                    outboxId,
                    link);
              });
      if (stored.isPresent()) {
        return stored.get();
      }
      // the code drawn belongs to another link: draw again
    }
    throw new IllegalStateException(
        "no free short code in " + DRAWS + " draws for outbox " + outboxId + " link " + link);
  }

  /** The link a code stands for, if it is stored. */
  public Optional<ShortLink> find(String code) {
    return db.inTransaction(
        "read short link",
        c ->
            Rows.first(
                c,
                "SELECT code, outbox_id, contact_id, link, target_url FROM short_link WHERE code ="
                    + " ?",
                rs ->
                    new ShortLink(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5)),
                code));
  }
}
