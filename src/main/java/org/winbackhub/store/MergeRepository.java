package org.winbackhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.FieldSources;

/**
 * The contact side of merges: the record of each merge ({@code contact_merge}, with the survivor's
 * fields before it) and the merged contacts' pointer at their survivor ({@code
 * contact.merged_into}). What a merge does to enrollments and the outbox is theirs, coordinated by
 * the caller (intake's {@code ContactMerge}).
 */
public final class MergeRepository {
  /** A contact merged into another, with the survivor's fields before the merge. */
  public record MergeRow(
      long survivorId, long mergedId, String source, String reason, Contact survivorBefore) {
    /** The merged contact and its survivor, for the enrollments and messages a merge ends. */
    public MergedContact merged() {
      return new MergedContact(mergedId, survivorId);
    }
  }

  /** A recorded merge, as listed for operators. */
  public record MergeRecord(
      long id,
      long survivorId,
      long mergedId,
      String source,
      String reason,
      Instant at,
      Instant undoneAt) {}

  private final Database db;
  private final ContactRepository contacts;

  /** With a contacts repository of its own (stateless): undoing a merge rewrites the survivor. */
  public MergeRepository(Database db) {
    this.db = db;
    this.contacts = new ContactRepository(db);
  }

  /**
   * Records merges and points the merged contact (and any merged into it before) at the survivor.
   * Only the contacts' side: what a merge does to journeys and queued mail is the caller's to do in
   * the same transaction.
   */
  public void merge(Connection c, List<MergeRow> merges, Instant now) throws SQLException {
    if (merges.isEmpty()) {
      return;
    }
    var at = Database.ts(now);
    try (PreparedStatement log =
            c.prepareStatement(
                "INSERT INTO contact_merge (survivor_id, merged_id, source, reason, before_email,"
                    + " before_phone, before_first_name, before_last_name, before_email_consent,"
                    + " before_sms_consent, before_field_sources, merged_at) VALUES (?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement point =
            c.prepareStatement(
                "UPDATE contact SET merged_into = ?, updated_at = ? WHERE id = ? OR merged_into"
                    + " = ?")) {
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
        log.setString(9, ContactRows.orUnknown(b.emailConsent()).name());
        log.setString(10, ContactRows.orUnknown(b.smsConsent()).name());
        log.setString(11, b.sources().encode());
        log.setObject(12, at);
        log.addBatch();
        point.setLong(1, m.survivorId());
        point.setObject(2, at);
        point.setLong(3, m.mergedId());
        point.setLong(4, m.mergedId());
        point.addBatch();
      }
      log.executeBatch();
      point.executeBatch();
    }
  }

  /** The merges recorded for a contact (as survivor or merged), newest first; all when null. */
  public List<MergeRecord> merges(Long contactId) {
    return db.inTransaction(
        "read merges",
        c ->
            Rows.list(
                c,
                "SELECT id, survivor_id, merged_id, source, reason, merged_at, undone_at FROM"
                    + " contact_merge"
                    + (contactId == null ? "" : " WHERE survivor_id = ? OR merged_id = ?")
                    + " ORDER BY id DESC",
                rs ->
                    new MergeRecord(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        Database.instant(rs.getObject(6)),
                        Database.instant(rs.getObject(7))),
                contactId == null ? new Object[0] : new Object[] {contactId, contactId}));
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
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT survivor_id, merged_id, before_email, before_phone, before_first_name,"
                      + " before_last_name, before_email_consent, before_sms_consent,"
                      + " before_field_sources FROM contact_merge WHERE id = ? AND undone_at IS"
                      + " NULL FOR UPDATE")) {
            ps.setLong(1, mergeId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return false;
              }
              survivor = rs.getLong(1);
              merged = rs.getLong(2);
              before =
                  new Contact(
                      survivor,
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      Consent.valueOf(rs.getString(7)),
                      Consent.valueOf(rs.getString(8)),
                      FieldSources.decode(rs.getString(9)));
            }
          }
          contacts.lockIdentities(c);
          Contact now_ = contacts.byIds(c, List.of(survivor)).get(survivor);
          if (now_ != null) {
            // an opt-out given since the merge stays: undoing a merge never weakens consent
            before =
                new Contact(
                    survivor,
                    before.email(),
                    before.phone(),
                    before.firstName(),
                    before.lastName(),
                    before.emailConsent().strictest(now_.emailConsent()),
                    before.smsConsent().strictest(now_.smsConsent()),
                    before.sources());
          }
          contacts.update(c, List.of(before), now);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE contact SET merged_into = NULL, updated_at = ? WHERE id = ?")) {
            ps.setObject(1, Database.ts(now));
            ps.setLong(2, merged);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE contact_merge SET undone_at = ? WHERE id = ?")) {
            ps.setObject(1, Database.ts(now));
            ps.setLong(2, mergeId);
            ps.executeUpdate();
          }
          return true;
        });
  }
}
