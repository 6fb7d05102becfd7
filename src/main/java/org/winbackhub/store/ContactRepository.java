package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.model.EmailAddress;

/**
 * Contacts: looked up by reference, address, phone or id, inserted and updated by intake under the
 * identity lock, and read for operators. New source references are {@link SourceRefRepository}'s,
 * the merge record {@link MergeRepository}'s.
 */
public final class ContactRepository {
  private static final String COLUMNS = ContactRows.COLUMNS;

  private final Database db;

  public ContactRepository(Database db) {
    this.db = db;
  }

  /**
   * Takes the identity lock until the caller's transaction ends: identity resolution reads, then
   * inserts, and two transactions doing that for the same new person must not interleave.
   */
  public void lockIdentities(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT name FROM hub_lock WHERE name = 'identity' FOR UPDATE")) {
      ps.executeQuery().close();
    }
  }

  /**
   * On PostgreSQL, lets this transaction commit without waiting for the WAL flush. For intake only:
   * a batch lost in a crash is lost together with the watermark that covers it, and read again.
   */
  public void relaxCommit(Connection c) throws SQLException {
    if (!db.isPostgres(c)) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL synchronous_commit = off");
    }
  }

  /** The live contacts that a source's external ids point at (following merges), by external id. */
  public Map<String, Contact> bySourceRefs(Connection c, String source, Collection<String> ids)
      throws SQLException {
    Map<String, Contact> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    String sql =
        "SELECT r.external_id, k.id, k.email, k.phone, k.first_name, k.last_name, k.email_consent,"
            + " k.sms_consent, k.field_sources FROM source_ref r JOIN contact k0 ON k0.id ="
            + " r.contact_id JOIN contact k ON k.id = COALESCE(k0.merged_into, k0.id) WHERE"
            + " r.source = ? AND r.external_id = ANY (?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, source);
      ps.setArray(2, c.createArrayOf("varchar", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getString(1), ContactRows.read(rs, 2));
        }
      }
    }
    return found;
  }

  /**
   * Live (not merged away) contacts whose address has one of these keys ({@link EmailAddress#key}),
   * by key.
   */
  public Map<String, Contact> byEmails(Connection c, Collection<String> emailKeys)
      throws SQLException {
    return byColumn(c, "email_key", emailKeys);
  }

  /** Live contacts whose phone is one of {@code phones}, by phone. */
  public Map<String, Contact> byPhones(Connection c, Collection<String> phones)
      throws SQLException {
    return byColumn(c, "phone", phones);
  }

  /** Live contacts by id. */
  public Map<Long, Contact> byIds(Connection c, Collection<Long> ids) throws SQLException {
    Map<Long, Contact> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    String sql = "SELECT " + COLUMNS + " FROM contact WHERE id IN " + Sql.in(ids);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Long id : ids) {
        ps.setLong(i++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Contact contact = ContactRows.read(rs);
          found.put(contact.id(), contact);
        }
      }
    }
    return found;
  }

  private Map<String, Contact> byColumn(Connection c, String column, Collection<String> values)
      throws SQLException {
    Map<String, Contact> found = new HashMap<>();
    if (values.isEmpty()) {
      return found;
    }
    String sql =
        "SELECT "
            + COLUMNS
            + ", "
            + column
            + " FROM contact WHERE merged_into IS NULL AND "
            + column
            + " = ANY (?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("varchar", values.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Contact contact = ContactRows.read(rs);
          String key = rs.getString(9);
          found.merge(
              key, contact, (a, b) -> a.id() <= b.id() ? a : b); // the oldest contact wins a tie
        }
      }
    }
    return found;
  }

  /** Inserts new contacts and returns their ids, in order. */
  public List<Long> insert(Connection c, List<Contact> contacts, Instant now) throws SQLException {
    if (contacts.isEmpty()) {
      return new ArrayList<>();
    }
    var at = Database.ts(now);
    return new MultiRowInsert<Contact>(
            "contact",
            "email, phone, first_name, last_name, email_consent, sms_consent, field_sources,"
                + " email_key, created_at, updated_at",
            10,
            null,
            (ps, i, k) -> {
              ContactRows.INSERT.bind(ps, i, k);
              ps.setObject(i + 8, at);
              ps.setObject(i + 9, at);
            })
        .insertReturningIds(c, contacts);
  }

  /** Writes the given contacts' fields over the stored ones. */
  public void update(Connection c, List<Contact> contacts, Instant now) throws SQLException {
    if (contacts.isEmpty()) {
      return;
    }
    String sql =
        "UPDATE contact SET email = ?, phone = ?, first_name = ?, last_name = ?, email_consent = ?,"
            + " sms_consent = ?, field_sources = ?, email_key = ?, updated_at = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Contact k : contacts) {
        ContactRows.bindFields(ps, k);
        ps.setString(7, k.sources().encode());
        ps.setString(8, EmailAddress.key(k.email()));
        ps.setObject(9, Database.ts(now));
        ps.setLong(10, k.id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Opts the contact (and the contact it was merged into, whose consent the claim also reads) out
   * of {@code channel}, in the caller's transaction; true when its consent changed.
   */
  public boolean optOut(Connection c, long contactId, Channel channel, Instant now)
      throws SQLException {
    String consent = channel == Channel.EMAIL ? "email_consent" : "sms_consent";
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE contact SET "
                + consent
                + " = 'OPTED_OUT', updated_at = ? WHERE "
                + consent
                + " <> 'OPTED_OUT' AND (id = ? OR id = (SELECT m.merged_into FROM contact m"
                + " WHERE m.id = ?))")) {
      ps.setObject(1, Database.ts(now));
      ps.setLong(2, contactId);
      ps.setLong(3, contactId);
      return ps.executeUpdate() > 0;
    }
  }

  /**
   * Opts the contact back in to {@code channel} (an SMS START after a STOP), in the caller's
   * transaction, as {@link #optOut} opted it out; true when its consent changed.
   */
  public boolean optIn(Connection c, long contactId, Channel channel, Instant now)
      throws SQLException {
    String consent = channel == Channel.EMAIL ? "email_consent" : "sms_consent";
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE contact SET "
                + consent
                + " = 'GRANTED', updated_at = ? WHERE "
                + consent
                + " = 'OPTED_OUT' AND (id = ? OR id = (SELECT m.merged_into FROM contact m"
                + " WHERE m.id = ?))")) {
      ps.setObject(1, Database.ts(now));
      ps.setLong(2, contactId);
      ps.setLong(3, contactId);
      return ps.executeUpdate() > 0;
    }
  }

  /**
   * A contact's reference: source, the source's id and its owner there; {@code endedAt} and {@code
   * endReason} when the source deleted the record.
   */
  public record SourceRef(
      String source, String externalId, String owner, Instant endedAt, String endReason) {}

  public List<SourceRef> sourceRefs(long contactId) {
    return db.inTransaction(
        "read source references",
        c ->
            Rows.list(
                c,
                "SELECT r.source, r.external_id, r.owner, r.ended_at, r.end_reason FROM source_ref"
                    + " r JOIN contact k ON k.id = r.contact_id WHERE k.id = ? OR k.merged_into = ?"
                    + " ORDER BY r.first_seen_at, r.source, r.external_id",
                rs ->
                    new SourceRef(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Database.instant(rs.getObject(4)),
                        rs.getString(5)),
                contactId,
                contactId));
  }

  /** The live contact with this address, in any case or Unicode form, if any. */
  public Optional<Contact> findByEmail(String email) {
    String key = EmailAddress.key(email);
    return db.inTransaction(
        "read contact", c -> Optional.ofNullable(byEmails(c, List.of(key)).get(key)));
  }

  public Optional<Contact> find(long id) {
    return db.inTransaction(
        "read contact", c -> Optional.ofNullable(byIds(c, List.of(id)).get(id)));
  }

  /** Why a contact is archived (deleted in every source that knew it), since when. */
  public record Archived(Instant at, String reason) {}

  /** Why the contact is archived, if it is. */
  public Optional<Archived> archived(long contactId) {
    return db.inTransaction(
        "read archived contact",
        c ->
            Rows.first(
                c,
                "SELECT archived_at, archive_reason FROM contact WHERE id = ? AND archived_at IS"
                    + " NOT NULL",
                rs -> new Archived(Database.instant(rs.getObject(1)), rs.getString(2)),
                contactId));
  }

  /** Contacts neither merged away nor archived. */
  public long count() {
    return db.inTransaction(
        "count contacts",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT COUNT(*) FROM contact WHERE merged_into IS NULL AND archived_at IS"
                          + " NULL")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
