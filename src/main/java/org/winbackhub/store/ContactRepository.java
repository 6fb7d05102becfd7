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
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.FieldSources;

/** Contacts and the source references that point at them. */
public final class ContactRepository {
  private static final String COLUMNS =
      "id, email, phone, first_name, last_name, email_consent, sms_consent, field_sources";

  private final Database db;

  public ContactRepository(Database db) {
    this.db = db;
  }

  /**
   * Takes the identity lock until the caller's transaction ends: identity resolution reads, then
   * inserts, and two transactions doing that for the same new person must not interleave.
   */
  public void lockIdentities(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM hub_lock WHERE name = 'identity' FOR UPDATE")) {
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
        "SELECT r.external_id, k.id, k.email, k.phone, k.first_name, k.last_name, k.email_consent, k.sms_consent,"
            + " k.field_sources"
            + " FROM source_ref r JOIN contact k0 ON k0.id = r.contact_id"
            + " JOIN contact k ON k.id = COALESCE(k0.merged_into, k0.id)"
            + " WHERE r.source = ? AND r.external_id = ANY (?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, source);
      ps.setArray(2, c.createArrayOf("varchar", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getString(1), read(rs, 2));
        }
      }
    }
    return found;
  }

  /**
   * Live (not merged away) contacts whose address has one of these keys ({@link EmailAddress#key}),
   * by key.
   */
  public Map<String, Contact> byEmails(Connection c, Collection<String> emailKeys) throws SQLException {
    return byColumn(c, "email_key", emailKeys);
  }

  /** Live contacts whose phone is one of {@code phones}, by phone. */
  public Map<String, Contact> byPhones(Connection c, Collection<String> phones) throws SQLException {
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
          Contact contact = read(rs);
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
          Contact contact = read(rs);
          String key = rs.getString(9);
          found.merge(key, contact, (a, b) -> a.id() <= b.id() ? a : b); // the oldest contact wins a tie
        }
      }
    }
    return found;
  }

  private static final MultiRowInsert.Binder<Contact> INSERT_BINDER =
          (ps, i, k) -> {
            ps.setString(i, k.email());
            ps.setString(i + 1, k.phone());
            ps.setString(i + 2, k.firstName());
            ps.setString(i + 3, k.lastName());
            ps.setString(i + 4, orUnknown(k.emailConsent()).name());
            ps.setString(i + 5, orUnknown(k.smsConsent()).name());
            ps.setString(i + 6, k.sources().encode());
            ps.setString(i + 7, EmailAddress.key(k.email()));
          };

  /** Inserts new contacts and returns their ids, in order. */
  public List<Long> insert(Connection c, List<Contact> contacts, Instant now) throws SQLException {
    if (contacts.isEmpty()) {
      return new ArrayList<>();
    }
    var at = Database.ts(now);
    return new MultiRowInsert<Contact>(
            "contact",
            "email, phone, first_name, last_name, email_consent, sms_consent, field_sources, email_key, created_at,"
                + " updated_at",
            10,
            null,
            (ps, i, k) -> {
              INSERT_BINDER.bind(ps, i, k);
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
        "UPDATE contact SET email = ?, phone = ?, first_name = ?, last_name = ?,"
            + " email_consent = ?, sms_consent = ?, field_sources = ?, email_key = ?, updated_at = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Contact k : contacts) {
        bindFields(ps, k);
        ps.setString(7, k.sources().encode());
        ps.setString(8, EmailAddress.key(k.email()));
        ps.setObject(9, Database.ts(now));
        ps.setLong(10, k.id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Records that {@code (source, externalId)} is contact {@code contactId}; known refs stay. */
  public void addSourceRefs(Connection c, String source, Map<String, Long> refs, Instant now)
      throws SQLException {
    if (refs.isEmpty()) {
      return;
    }
    var at = Database.ts(now);
    new MultiRowInsert<Map.Entry<String, Long>>(
            "source_ref",
            "source, external_id, contact_id, first_seen_at",
            4,
            "ON CONFLICT DO NOTHING",
            (ps, i, ref) -> {
              ps.setString(i, source);
              ps.setString(i + 1, ref.getKey());
              ps.setLong(i + 2, ref.getValue());
              ps.setObject(i + 3, at);
            })
        .insert(c, new ArrayList<>(refs.entrySet()));
  }

  /** Records who looks after each of these references in their source (a CRM owner); null owners are skipped. */
  public void setOwners(Connection c, String source, Map<String, String> owners) throws SQLException {
    if (owners.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE source_ref SET owner = ? WHERE source = ? AND external_id = ?")) {
      for (Map.Entry<String, String> o : owners.entrySet()) {
        ps.setString(1, o.getValue());
        ps.setString(2, source);
        ps.setString(3, o.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * A contact's reference: source, the source's id and its owner there; {@code endedAt} and
   * {@code endReason} when the source deleted the record.
   */
  public record SourceRef(String source, String externalId, String owner, Instant endedAt, String endReason) {}

  public List<SourceRef> sourceRefs(long contactId) {
    return db.inTransaction(
        "read source references",
        c -> {
          List<SourceRef> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT r.source, r.external_id, r.owner, r.ended_at, r.end_reason FROM source_ref r JOIN contact k ON k.id = r.contact_id"
                      + " WHERE k.id = ? OR k.merged_into = ? ORDER BY r.first_seen_at, r.source, r.external_id")) {
            ps.setLong(1, contactId);
            ps.setLong(2, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new SourceRef(rs.getString(1), rs.getString(2), rs.getString(3), Database.instant(rs.getObject(4)), rs.getString(5)));
              }
            }
          }
          return out;
        });
  }

  /** A contact merged into another, with the survivor's fields before the merge. */
  public record MergeRow(long survivorId, long mergedId, String source, String reason, Contact survivorBefore) {}

  /** A recorded merge, as listed for operators. */
  public record MergeRecord(long id, long survivorId, long mergedId, String source, String reason, Instant at, Instant undoneAt) {}

  /**
   * Records merges and applies them: the merged contact (and any merged into it before) now
   * points at the survivor, and its journeys end.
   */
  public void merge(Connection c, List<MergeRow> merges, Instant now) throws SQLException {
    if (merges.isEmpty()) {
      return;
    }
    var at = Database.ts(now);
    try (PreparedStatement log = c.prepareStatement(
            "INSERT INTO contact_merge (survivor_id, merged_id, source, reason, before_email, before_phone,"
                + " before_first_name, before_last_name, before_email_consent, before_sms_consent,"
                + " before_field_sources, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement point = c.prepareStatement(
            "UPDATE contact SET merged_into = ?, updated_at = ? WHERE id = ? OR merged_into = ?");
        PreparedStatement unqueue = c.prepareStatement(
            "UPDATE outbox SET status = 'SUPPRESSED', last_error = ? WHERE contact_id = ? AND status = 'PENDING'");
        PreparedStatement exit = c.prepareStatement(
            "UPDATE enrollment SET status = 'EXITED', status_reason = ?, next_step_at = NULL, updated_at = ?"
                + " WHERE contact_id = ? AND status IN ('ENROLLED', 'HELD_OUT', 'ENGAGED')")) {
      for (MergeRow m : merges) {
        Contact b = m.survivorBefore();
        log.setLong(1, m.survivorId());
        log.setLong(2, m.mergedId());
        log.setString(3, m.source());
        log.setString(4, RejectRepository.truncate(m.reason(), 300));
        log.setString(5, b.email());
        log.setString(6, b.phone());
        log.setString(7, b.firstName());
        log.setString(8, b.lastName());
        log.setString(9, orUnknown(b.emailConsent()).name());
        log.setString(10, orUnknown(b.smsConsent()).name());
        log.setString(11, b.sources().encode());
        log.setObject(12, at);
        log.addBatch();
        point.setLong(1, m.survivorId());
        point.setObject(2, at);
        point.setLong(3, m.mergedId());
        point.setLong(4, m.mergedId());
        point.addBatch();
        exit.setString(1, "merged into contact " + m.survivorId());
        exit.setObject(2, at);
        exit.setLong(3, m.mergedId());
        exit.addBatch();
        unqueue.setString(1, "contact merged into " + m.survivorId());
        unqueue.setLong(2, m.mergedId());
        unqueue.addBatch();
      }
      unqueue.executeBatch();
      log.executeBatch();
      point.executeBatch();
      exit.executeBatch();
    }
  }

  /** The merges recorded for a contact (as survivor or merged), newest first; all when null. */
  public List<MergeRecord> merges(Long contactId) {
    return db.inTransaction(
        "read merges",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT id, survivor_id, merged_id, source, reason, merged_at, undone_at FROM contact_merge"
                  + (contactId == null ? "" : " WHERE survivor_id = ? OR merged_id = ?")
                  + " ORDER BY id DESC")) {
            if (contactId != null) {
              ps.setLong(1, contactId);
              ps.setLong(2, contactId);
            }
            List<MergeRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new MergeRecord(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                    Database.instant(rs.getObject(6)), Database.instant(rs.getObject(7))));
              }
            }
            return out;
          }
        });
  }

  /**
   * Undoes a merge: the merged contact is its own again (with its own references and events, which
   * never moved) and the survivor gets back the fields it had before. False when there is no such
   * merge or it was undone already.
   */
  public boolean undoMerge(long mergeId, Instant now) {
    return db.inTransaction(
        "undo merge",
        c -> {
          long survivor;
          long merged;
          Contact before;
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT survivor_id, merged_id, before_email, before_phone, before_first_name, before_last_name,"
                  + " before_email_consent, before_sms_consent, before_field_sources FROM contact_merge"
                  + " WHERE id = ? AND undone_at IS NULL FOR UPDATE")) {
            ps.setLong(1, mergeId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return false;
              }
              survivor = rs.getLong(1);
              merged = rs.getLong(2);
              before = new Contact(survivor, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                  Consent.valueOf(rs.getString(7)), Consent.valueOf(rs.getString(8)), FieldSources.decode(rs.getString(9)));
            }
          }
          lockIdentities(c);
          Contact now_ = byIds(c, List.of(survivor)).get(survivor);
          if (now_ != null) {
            // an opt-out given since the merge stays: undoing a merge never weakens consent
            before = new Contact(survivor, before.email(), before.phone(), before.firstName(), before.lastName(),
                before.emailConsent().strictest(now_.emailConsent()), before.smsConsent().strictest(now_.smsConsent()),
                before.sources());
          }
          update(c, List.of(before), now);
          try (PreparedStatement ps = c.prepareStatement("UPDATE contact SET merged_into = NULL, updated_at = ? WHERE id = ?")) {
            ps.setObject(1, Database.ts(now));
            ps.setLong(2, merged);
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement("UPDATE contact_merge SET undone_at = ? WHERE id = ?")) {
            ps.setObject(1, Database.ts(now));
            ps.setLong(2, mergeId);
            ps.executeUpdate();
          }
          return true;
        });
  }

  /** The live contact with this address, in any case or Unicode form, if any. */
  public Optional<Contact> findByEmail(String email) {
    String key = EmailAddress.key(email);
    return db.inTransaction("read contact", c -> Optional.ofNullable(byEmails(c, List.of(key)).get(key)));
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
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT archived_at, archive_reason FROM contact WHERE id = ? AND archived_at IS NOT NULL")) {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(new Archived(Database.instant(rs.getObject(1)), rs.getString(2))) : Optional.empty();
            }
          }
        });
  }

  /** Contacts neither merged away nor archived. */
  public long count() {
    return db.inTransaction(
        "count contacts",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM contact WHERE merged_into IS NULL AND archived_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static void bindFields(PreparedStatement ps, Contact k) throws SQLException {
    ps.setString(1, k.email());
    ps.setString(2, k.phone());
    ps.setString(3, k.firstName());
    ps.setString(4, k.lastName());
    ps.setString(5, orUnknown(k.emailConsent()).name());
    ps.setString(6, orUnknown(k.smsConsent()).name());
  }

  private static Consent orUnknown(Consent consent) {
    return consent == null ? Consent.UNKNOWN : consent;
  }

  private static Contact read(ResultSet rs) throws SQLException {
    return read(rs, 1);
  }

  private static Contact read(ResultSet rs, int first) throws SQLException {
    return new Contact(
        rs.getLong(first),
        rs.getString(first + 1),
        rs.getString(first + 2),
        rs.getString(first + 3),
        rs.getString(first + 4),
        Consent.valueOf(rs.getString(first + 5)),
        Consent.valueOf(rs.getString(first + 6)),
        FieldSources.decode(rs.getString(first + 7)));
  }
}
