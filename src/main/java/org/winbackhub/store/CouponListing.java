package org.winbackhub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The coupon codes as an operator reads them: who got which (explain), by code, and each pool's
 * counts (the free codes of a file pool are its gauge).
 */
public final class CouponListing {
  /** A code a contact was given, and what became of it. */
  public record Coupon(
      String pool,
      String code,
      Long outboxId,
      Instant givenAt,
      Instant redeemedAt,
      String redeemedOrder,
      Long redeemedBy) {}

  /** A pool's codes: all, still free, given, redeemed. */
  public record PoolCounts(String pool, long codes, long free, long given, long redeemed) {}

  private static final String COLUMNS =
      "pool, code, outbox_id, given_at, redeemed_at, redeemed_order, redeemed_by";

  private final Database db;

  public CouponListing(Database db) {
    this.db = db;
  }

  /** The codes the contact (or a contact merged into it) was given, oldest first. */
  public List<Coupon> forContact(long contactId) {
    return db.inTransaction(
        "read a contact's coupons",
        c ->
            Rows.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM coupon WHERE contact_id = ? OR contact_id IN (SELECT id FROM contact"
                    + " WHERE merged_into = ?) ORDER BY given_at, id",
                CouponListing::read,
                contactId,
                contactId));
  }

  /** The coupon of a code, whoever holds it. */
  public Optional<Coupon> byCode(String code) {
    return db.inTransaction(
        "read coupon",
        c ->
            Rows.first(
                c,
                "SELECT " + COLUMNS + " FROM coupon WHERE code_key = ?",
                CouponListing::read,
                CouponRepository.key(code)));
  }

  /** How many codes of the pool are free (given to no one yet). */
  public long free(String pool) {
    return db.inTransaction(
        "count free coupons",
        c ->
            Counts.single(
                c, "SELECT COUNT(*) FROM coupon WHERE pool = ? AND contact_id IS NULL", pool));
  }

  /** Each pool in the store with its counts, by name. */
  public List<PoolCounts> counts() {
    return db.inTransaction(
        "count coupons",
        c ->
            Rows.list(
                c,
                "SELECT pool, COUNT(*), COUNT(*) - COUNT(contact_id), COUNT(contact_id),"
                    + " COUNT(redeemed_at) FROM coupon GROUP BY pool ORDER BY pool",
                rs ->
                    new PoolCounts(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5))));
  }

  private static Coupon read(ResultSet rs) throws SQLException {
    long outbox = rs.getLong(3);
    Long outboxId = rs.wasNull() ? null : outbox;
    long by = rs.getLong(7);
    Long redeemedBy = rs.wasNull() ? null : by;
    return new Coupon(
        rs.getString(1),
        rs.getString(2),
        outboxId,
        Database.instant(rs.getObject(4)),
        Database.instant(rs.getObject(5)),
        rs.getString(6),
        redeemedBy);
  }
}
