package org.winbackhub.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.CouponRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.DeletionRepository;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.MergeRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.SourceRefRepository;
import org.winbackhub.store.TableStatistics;

/**
 * Takes one batch of normalized records from a source into the store, in one transaction:
 * identities resolved, contacts inserted or updated, source references and events appended, the
 * coupons its orders used redeemed ({@link CouponRedemptions}), rejections kept with their reason,
 * and what the source deleted applied ({@link SourceDeletions}).
 */
public final class ContactIntake {

  /**
   * What one batch changed. {@code rejected} counts the records (rows, lines, events) that were
   * lost, {@code refusedFields} the fields refused on records that were taken in without them,
   * {@code deleted} the source references and events it ended because the source deleted them.
   */
  public record Result(
      int newContacts,
      int updatedContacts,
      int merged,
      int newEvents,
      int rejected,
      int refusedFields,
      int deleted) {
    public Result(int newContacts, int updatedContacts, int merged, int newEvents, int rejected) {
      this(newContacts, updatedContacts, merged, newEvents, rejected, 0);
    }

    public Result(
        int newContacts,
        int updatedContacts,
        int merged,
        int newEvents,
        int rejected,
        int refusedFields) {
      this(newContacts, updatedContacts, merged, newEvents, rejected, refusedFields, 0);
    }

    public Result plus(Result o) {
      return new Result(
          newContacts + o.newContacts,
          updatedContacts + o.updatedContacts,
          merged + o.merged,
          newEvents + o.newEvents,
          rejected + o.rejected,
          refusedFields + o.refusedFields,
          deleted + o.deleted);
    }

    Result withDeleted(int n) {
      return new Result(
          newContacts, updatedContacts, merged, newEvents, rejected, refusedFields, deleted + n);
    }

    public static final Result NONE = new Result(0, 0, 0, 0, 0, 0, 0);
  }

  private final Database db;
  private final ContactRepository contacts;
  private final EventRepository events;
  private final RejectRepository rejects;
  private final IdentityResolver resolver;
  private final Clock clock;
  private final TableStatistics statistics;
  private final SourceDeletions deletions;
  private final ContactMerge merge;
  private final SourceRefRepository sourceRefs = new SourceRefRepository();
  private final CouponRedemptions redemptions;

  public ContactIntake(
      Database db,
      ContactRepository contacts,
      EventRepository events,
      RejectRepository rejects,
      Clock clock) {
    this(db, contacts, events, rejects, SourcePrecedence.NONE, clock);
  }

  public ContactIntake(
      Database db,
      ContactRepository contacts,
      EventRepository events,
      RejectRepository rejects,
      SourcePrecedence precedence,
      Clock clock) {
    this.resolver = new IdentityResolver(precedence);
    this.db = db;
    this.contacts = contacts;
    this.events = events;
    this.rejects = rejects;
    this.clock = clock;
    this.statistics = new TableStatistics(db);
    EnrollmentRepository enrollments = new EnrollmentRepository(db);
    OutboxRepository outbox = new OutboxRepository(db, events);
    DeletionRepository deleted = new DeletionRepository();
    this.deletions =
        new SourceDeletions(
            deleted, events, contacts, new ContactArchive(deleted, enrollments, outbox));
    this.merge = new ContactMerge(new MergeRepository(db), enrollments, outbox);
    this.redemptions = new CouponRedemptions(new CouponRepository(db));
  }

  public Result ingest(String source, List<SourceRecord> records, List<Rejection> rejections) {
    return ingest(source, records, rejections, new DeletedRows());
  }

  /** The same with what the source deleted (a cancelled order, say). */
  public Result ingest(
      String source, List<SourceRecord> records, List<Rejection> rejections, DeletedRows deleted) {
    Result r =
        db.inTransaction(
            "take in a batch from " + source, c -> ingest(c, source, records, rejections, deleted));
    committed(r);
    return r;
  }

  /** Records, rejections, then deletions, on the caller's transaction. */
  public Result ingest(
      Connection c,
      String source,
      List<SourceRecord> records,
      List<Rejection> rejections,
      DeletedRows deleted)
      throws SQLException {
    Result r = ingest(c, source, records, rejections);
    return r.withDeleted(deletions.apply(c, source, deleted, clock.instant()));
  }

  /**
   * Lets the caller's transaction commit without waiting for the WAL flush (PostgreSQL). Only for a
   * caller that reads a batch lost in a crash again, as an incremental source does from the
   * watermark that is lost with it.
   */
  public void relaxCommit(Connection c) throws SQLException {
    contacts.relaxCommit(c);
  }

  /**
   * Tells the store what a committed batch added, so a bulk load keeps the planner's statistics
   * current. Callers of the connection-taking {@code ingest} call it after their commit.
   */
  public void committed(Result r) {
    statistics.grew("contact", r.newContacts());
    statistics.grew("source_ref", r.newContacts());
    statistics.grew("contact_event", r.newEvents());
  }

  /** The same on a caller's transaction, so the caller can record more in it. */
  public Result ingest(
      Connection c, String source, List<SourceRecord> records, List<Rejection> rejections)
      throws SQLException {
    Instant now = clock.instant();
    rejects.add(c, rejections, now);
    int lost = lostRecords(rejections);
    int refused = (int) rejections.stream().filter(Rejection::recordKept).count();
    if (records.isEmpty()) {
      return new Result(0, 0, 0, 0, lost, refused);
    }
    contacts.lockIdentities(c);
    List<IdentityResolver.Person> people = resolver.resolve(records, lookup(c, source, records));

    List<IdentityResolver.Person> fresh = new ArrayList<>();
    List<Contact> changed = new ArrayList<>();
    for (IdentityResolver.Person p : people) {
      if (p.isNew()) {
        fresh.add(p);
      } else if (p.changed()) {
        changed.add(p.contact());
      }
    }
    List<Long> newIds =
        contacts.insert(c, fresh.stream().map(IdentityResolver.Person::contact).toList(), now);
    Map<IdentityResolver.Person, Long> ids = new IdentityHashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      ids.put(fresh.get(i), newIds.get(i));
    }
    contacts.update(c, changed, now);
    List<MergeRepository.MergeRow> merges = new ArrayList<>();
    for (IdentityResolver.Person p : people) {
      for (IdentityResolver.Merge m : p.merges()) {
        merges.add(
            new MergeRepository.MergeRow(
                p.contact().id(), m.merged().id(), source, m.reason(), p.storedBefore()));
      }
    }
    merge.apply(c, merges, now);

    Map<String, Long> refs = new HashMap<>();
    Set<Long> referencedAgain = new LinkedHashSet<>();
    List<EventRepository.Owned> owned = new ArrayList<>();
    for (IdentityResolver.Person p : people) {
      long id = p.isNew() ? ids.get(p) : p.contact().id();
      p.newRefs().forEach(ref -> refs.put(ref, id));
      if (!p.isNew() && (!p.newRefs().isEmpty() || !p.merges().isEmpty())) {
        referencedAgain.add(id);
      }
      for (ContactEvent e : p.events()) {
        owned.add(new EventRepository.Owned(id, e));
      }
    }
    sourceRefs.addSourceRefs(c, source, refs, now);
    deletions.referenced(c, referencedAgain, now);
    Map<String, String> owners = new HashMap<>();
    for (SourceRecord r : records) {
      if (r.contact().owner() != null) {
        owners.put(r.contact().externalId(), r.contact().owner());
      }
    }
    sourceRefs.setOwners(c, source, owners);
    int appended = events.append(c, owned, now);
    redemptions.record(c, owned);
    return new Result(fresh.size(), changed.size(), merges.size(), appended, lost, refused);
  }

  /** The records the rejections cost: one per record, however many of its fields were refused. */
  static int lostRecords(List<Rejection> rejections) {
    Set<List<Object>> seen = new HashSet<>();
    int lost = 0;
    for (Rejection r : rejections) {
      if (!r.recordKept()
          && (r.recordKey() == null
              || seen.add(Arrays.asList(r.location(), r.lineNo(), r.recordKey())))) {
        lost++;
      }
    }
    return lost;
  }

  private IdentityResolver.Known lookup(Connection c, String source, List<SourceRecord> records)
      throws SQLException {
    Set<String> refs = new LinkedHashSet<>();
    Set<String> emails = new LinkedHashSet<>();
    Set<String> phones = new LinkedHashSet<>();
    for (SourceRecord r : records) {
      refs.add(r.contact().externalId());
      if (r.contact().email() != null) {
        emails.add(EmailAddress.key(r.contact().email()));
      }
      if (r.contact().phone() != null) {
        phones.add(r.contact().phone());
      }
    }
    Map<String, Contact> byRef = contacts.bySourceRefs(c, source, refs);
    Map<String, Contact> byEmail = contacts.byEmails(c, emails);
    Map<String, Contact> byPhone = contacts.byPhones(c, phones);
    return new IdentityResolver.Known() {
      @Override
      public Contact bySourceRef(String externalId) {
        return byRef.get(externalId);
      }

      @Override
      public Contact byEmail(String emailKey) {
        return byEmail.get(emailKey);
      }

      @Override
      public Contact byPhone(String phone) {
        return byPhone.get(phone);
      }
    };
  }
}
