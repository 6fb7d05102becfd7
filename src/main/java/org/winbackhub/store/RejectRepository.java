package org.winbackhub.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.winbackhub.model.Rejection;

/** Input records that were not taken in, kept with the reason. */
public final class RejectRepository {
  private final Database db;

  public RejectRepository(Database db) {
    this.db = db;
  }

  public void add(Connection c, List<Rejection> rejections, Instant now) throws SQLException {
    if (rejections.isEmpty()) {
      return;
    }
    // the same record rejected for the same reason again (a re-read, a re-dropped file) is kept
    // once
    String sql =
        "INSERT INTO rejected_record (source, location, line_no, record_key, reason, raw,"
            + " created_at, dedup_key, field, contact_key, record_kept) VALUES (?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Rejection r : rejections) {
        ps.setString(1, r.source());
        ps.setString(2, truncate(r.location(), 500));
        ps.setObject(3, r.lineNo());
        ps.setString(4, truncate(r.recordKey(), 200));
        ps.setString(5, truncate(r.reason(), 500));
        ps.setString(6, truncate(r.raw(), 2000));
        ps.setObject(7, Database.ts(now));
        ps.setString(8, dedupKey(r));
        ps.setString(9, truncate(r.field(), 100));
        ps.setString(10, truncate(r.contactKey(), 200));
        ps.setBoolean(11, r.recordKept());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  public void add(Rejection rejection, Instant now) {
    db.inTransaction(
        "store rejected record",
        c -> {
          add(c, List.of(rejection), now);
          return null;
        });
  }

  /** The newest {@code limit} rejections, in the order they were recorded. */
  public List<Rejection> latest(int limit) {
    return db.inTransaction(
        "read rejected records",
        c -> {
          List<Rejection> out =
              Rows.list(
                  c,
                  "SELECT "
                      + COLUMNS
                      + " FROM rejected_record j ORDER BY j.id DESC FETCH FIRST ? ROWS ONLY",
                  RejectRepository::read,
                  limit);
          Collections.reverse(out);
          return out;
        });
  }

  /** A rejection that concerns a contact, and when it was recorded. */
  public record Recorded(Rejection rejection, Instant at) {}

  /**
   * The newest {@code limit} rejections about a contact (or one merged into it): refused fields of
   * its records and refused events, matched by its references in each source.
   */
  public List<Recorded> forContact(long contactId, int limit) {
    return db.inTransaction(
        "read a contact's rejected records",
        c ->
            Rows.list(
                c,
                // from the contact's few references to their rejections
                // (rejected_record_contact_ix)
                "SELECT "
                    + COLUMNS
                    + ", j.created_at FROM contact k JOIN source_ref r ON r.contact_id = k.id"
                    + " JOIN rejected_record j ON j.contact_key = r.external_id AND j.source ="
                    + " r.source WHERE k.id = ? OR k.merged_into = ? ORDER BY j.id DESC FETCH"
                    + " FIRST ? ROWS ONLY",
                rs -> new Recorded(read(rs), Database.instant(rs.getObject(10))),
                contactId,
                contactId,
                limit));
  }

  private static final String COLUMNS =
      "j.source, j.location, j.line_no, j.record_key, j.field, j.reason, j.raw, j.contact_key,"
          + " j.record_kept";

  private static Rejection read(ResultSet rs) throws SQLException {
    long line = rs.getLong(3);
    Long lineNo = rs.wasNull() ? null : line;
    return new Rejection(
        rs.getString(1),
        rs.getString(2),
        lineNo,
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getBoolean(9));
  }

  public long count() {
    return db.inTransaction(
        "count rejected records", c -> Counts.single(c, "SELECT COUNT(*) FROM rejected_record"));
  }

  // ---- open and resolved rejections: a record read again and taken in resolves its rejections
  // ----

  /** The open rejections of {@code source} by location (a polled source's is "SOURCE STREAM"). */
  public Map<String, Long> openByLocation(String source) {
    return db.inTransaction(
        "count open rejections",
        c -> {
          Map<String, Long> open = new TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT location, COUNT(*) FROM rejected_record WHERE source = ? AND resolved_at"
                      + " IS NULL GROUP BY location")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                open.put(rs.getString(1), rs.getLong(2));
              }
            }
          }
          return open;
        });
  }

  /** The sources that have open rejections. */
  public Set<String> sourcesWithOpen() {
    return db.inTransaction(
        "list sources with open rejections",
        c -> {
          Set<String> sources = new TreeSet<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT DISTINCT source FROM rejected_record WHERE resolved_at IS NULL");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sources.add(rs.getString(1));
            }
          }
          return sources;
        });
  }

  /**
   * Marks {@code rejections}, stored by {@link #add}, as rejected again by {@code run}; one that
   * was resolved is open again. With {@link #resolve} it leaves open exactly a record's latest
   * reasons.
   */
  public void confirm(Connection c, List<Rejection> rejections, long run) throws SQLException {
    if (rejections.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE rejected_record SET resolved_at = NULL, resolved_by = NULL, last_run = ?"
                + " WHERE source = ? AND location = ? AND dedup_key = ? AND reason = ?")) {
      for (Rejection r : rejections) {
        ps.setLong(1, run);
        ps.setString(2, r.source());
        ps.setString(3, truncate(r.location(), 500));
        ps.setString(4, dedupKey(r));
        ps.setString(5, truncate(r.reason(), 500));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Resolves the open rejections in {@code location} of the records read again under {@code keys}
   * that {@code run} did not reject again; returns how many.
   */
  public int resolve(
      Connection c, String source, String location, Collection<String> keys, long run, Instant now)
      throws SQLException {
    return keys.isEmpty()
        ? 0
        : resolveOpen(
            c,
            source,
            location,
            keys.stream().map(k -> truncate(k, 200)).distinct().toArray(),
            run,
            now);
  }

  /**
   * After {@code run} read {@code location} whole from its beginning: resolves its open rejections
   * that the run did not reject again (records taken in now, gone from the source, or keyless).
   */
  public int resolveUnseen(String source, String location, long run, Instant now) {
    return db.inTransaction(
        "resolve rejections of " + location, c -> resolveOpen(c, source, location, null, run, now));
  }

  /**
   * Resolves the open rejections of {@code location} not rejected again by {@code run}: of {@code
   * keys}, or all when null.
   */
  private static int resolveOpen(
      Connection c, String source, String location, Object[] keys, long run, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE rejected_record SET resolved_at = ?, resolved_by = ? WHERE source = ? AND"
                + " location = ? AND resolved_at IS NULL AND (last_run IS NULL OR last_run <> ?)"
                + (keys == null ? "" : " AND record_key = ANY (?)"))) {
      ps.setObject(1, Database.ts(now));
      ps.setObject(2, run > 0 ? run : null);
      ps.setString(3, source);
      ps.setString(4, truncate(location, 500));
      ps.setLong(5, run);
      if (keys != null) {
        ps.setArray(6, c.createArrayOf("varchar", keys));
      }
      return ps.executeUpdate();
    }
  }

  /**
   * What tells one rejected input from another, as the unique index of V2 compares it (with source,
   * location and reason): the line and record key of a file row; for input without a line (a
   * webhook, a row of a source query), a digest of the input itself as well, so two different
   * webhooks rejected for the same reason are two rows and the same one delivered again is one.
   */
  static String dedupKey(Rejection r) {
    String key = truncate(r.recordKey(), 200);
    String where =
        r.lineNo() != null ? r.lineNo().toString() : r.raw() == null ? "" : "#" + digest(r.raw());
    return where + ":" + (key == null ? "" : key);
  }

  /** 16 bytes of SHA-256, URL-safe Base64: 22 characters, so the key fits dedup_key (230). */
  private static String digest(String raw) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
