package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Coupon codes (table {@code coupon}): the codes of the pools loaded, given and redeemed ({@link
 * CouponListing} reads them back). The database's unique keys keep the promises: one code per
 * contact and pool, one contact per code; a contact merged into another counts as it, so the
 * survivor keeps the code the merged contact was given.
 */
public final class CouponRepository {

  /** A code used in an order: the order as {@code source:external id}, its contact and time. */
  public record Redemption(String code, String order, long contactId, Instant at) {}

  /** What a load added, and the codes it left out because another pool holds them (code → pool). */
  public record Loaded(int added, Map<String, String> inOtherPools) {}

  private static final String UNIQUE_VIOLATION = "23505";
  private final Database db;

  public CouponRepository(Database db) {
    this.db = db;
  }

  /**
   * Adds the codes of a file pool that are not in the store yet (loading a file again adds only its
   * new codes); a code another pool holds is left out and returned. One transaction per thousand
   * codes.
   */
  public Loaded load(String pool, List<String> codes, Instant now) {
    int added = 0;
    Map<String, String> elsewhere = new HashMap<>();
    for (int from = 0; from < codes.size(); from += 1000) {
      List<String> chunk = codes.subList(from, Math.min(codes.size(), from + 1000));
      added +=
          db.inTransaction(
              "load coupon codes of pool " + pool,
              c -> {
                Map<String, String> held = pools(c, chunk);
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "INSERT INTO coupon (pool, code, code_key, loaded_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")) {
                  for (String code : chunk) {
                    String other = held.get(key(code));
                    if (other != null && !other.equals(pool)) {
                      elsewhere.put(code, other);
                      continue;
                    }
                    ps.setString(1, pool);
                    ps.setString(2, code);
                    ps.setString(3, key(code));
                    ps.setObject(4, Database.ts(now));
                    ps.addBatch();
                  }
                  int n = 0;
                  for (int r : ps.executeBatch()) {
                    n += Math.max(r, 0);
                  }
                  return n;
                }
              });
    }
    return new Loaded(added, elsewhere);
  }

  /** The code the contact (or one merged into it) holds in the pool, if any. */
  public Optional<String> given(String pool, long contactId) {
    return db.inTransaction("read coupon", c -> given(c, pool, contactId));
  }

  /**
   * Gives the contact a free code of a file pool for message {@code outboxId}, or the code it holds
   * already. Empty when the pool has no free code left. Two senders at once cannot give one code
   * twice (the free row is locked, others skip it) nor one contact two codes (the unique key
   * refuses the second, which then reads the first).
   */
  public Optional<String> giveFree(String pool, long contactId, long outboxId, Instant now) {
    return give(
        pool,
        contactId,
        c -> {
          Optional<Map.Entry<Long, String>> free =
              Rows.first(
                  c,
                  "SELECT id, code FROM coupon WHERE pool = ? AND contact_id IS NULL FETCH FIRST 1"
                      + " ROWS ONLY FOR UPDATE SKIP LOCKED",
                  rs -> Map.entry(rs.getLong(1), rs.getString(2)),
                  pool);
          if (free.isPresent()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE coupon SET contact_id = ?, outbox_id = ?, given_at = ? WHERE id = ?")) {
              ps.setLong(1, contactId);
              ps.setLong(2, outboxId);
              ps.setObject(3, Database.ts(now));
              ps.setLong(4, free.get().getKey());
              ps.executeUpdate();
            }
          }
          return free.map(Map.Entry::getValue);
        });
  }

  /**
   * Gives the contact {@code code}, just generated, for message {@code outboxId}, unless it holds a
   * code of the pool already: returns the contact's code. Empty when the code itself was taken (a
   * random clash: generate another).
   */
  public Optional<String> giveGenerated(
      String pool, String code, long contactId, long outboxId, Instant now) {
    return give(
        pool,
        contactId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO coupon (pool, code, code_key, contact_id, outbox_id, loaded_at,"
                      + " given_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, pool);
            ps.setString(2, code);
            ps.setString(3, key(code));
            ps.setLong(4, contactId);
            ps.setLong(5, outboxId);
            ps.setObject(6, Database.ts(now));
            ps.setObject(7, Database.ts(now));
            if (ps.executeUpdate() == 1) {
              return Optional.of(code);
            }
          }
          return given(c, pool, contactId);
        });
  }

  /**
   * The contact's code of the pool if it holds one, else what {@code take} gives it, in one
   * transaction. When another sender gave the contact a code of the pool meanwhile (the unique key
   * refused this one), that code.
   */
  private Optional<String> give(String pool, long contactId, Database.Work<Optional<String>> take) {
    try {
      return db.inTransaction(
          "give a coupon of pool " + pool,
          c -> {
            Optional<String> held = given(c, pool, contactId);
            return held.isPresent() ? held : take.run(c);
          });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
        Optional<String> held = given(pool, contactId);
        if (held.isPresent()) {
          return held;
        }
      }
      throw e;
    }
  }

  /**
   * Marks the codes used in orders redeemed, each by its first order (a code redeemed already stays
   * as it was). Returns how many were redeemed now.
   */
  public int redeem(Connection c, List<Redemption> redemptions) throws SQLException {
    if (redemptions.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE coupon SET redeemed_at = ?, redeemed_order = ?, redeemed_by = ? WHERE"
                + " code_key = ? AND redeemed_at IS NULL")) {
      for (Redemption r : redemptions) {
        ps.setObject(1, Database.ts(r.at()));
        ps.setString(2, RejectRepository.truncate(r.order(), 270));
        ps.setLong(3, r.contactId());
        ps.setString(4, key(r.code()));
        ps.addBatch();
      }
      int n = 0;
      for (int r : ps.executeBatch()) {
        n += Math.max(r, 0);
      }
      return n;
    }
  }

  private static Optional<String> given(Connection c, String pool, long contactId)
      throws SQLException {
    return Rows.first(
        c,
        "SELECT code FROM coupon WHERE pool = ? AND (contact_id = ? OR contact_id IN (SELECT id"
            + " FROM contact WHERE merged_into = ?)) ORDER BY given_at, id FETCH FIRST 1 ROWS ONLY",
        rs -> rs.getString(1),
        pool,
        contactId,
        contactId);
  }

  /** Which pool holds each of these codes (by key). */
  private static Map<String, String> pools(Connection c, List<String> codes) throws SQLException {
    Map<String, String> held = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT code_key, pool FROM coupon WHERE code_key = ANY (?)")) {
      ps.setArray(1, Sql.texts(c, codes.stream().map(CouponRepository::key).toList()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          held.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return held;
  }

  static String key(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }
}
