package org.winbackhub.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/**
 * Decides which stored contact each incoming record is about: the same source id first, then the
 * same email, then the same phone; otherwise a new contact. Records of one batch that are about
 * the same person end up on one {@link Person}.
 */
public final class IdentityResolver {

  /** What the store already knows, fetched in bulk for one batch. */
  public interface Known {
    Contact bySourceRef(String externalId);

    Contact byEmail(String email);

    Contact byPhone(String phone);
  }

  /** One person of the batch: the contact as it should be stored and what to append. */
  public static final class Person {
    private Contact contact;
    private final boolean isNew;
    private boolean changed;
    private final Set<String> refs = new LinkedHashSet<>();
    private final Set<String> knownRefs = new java.util.HashSet<>();
    private final List<ContactEvent> events = new ArrayList<>();

    Person(Contact contact, boolean isNew) {
      this.contact = contact;
      this.isNew = isNew;
      this.changed = isNew;
    }

    public Contact contact() {
      return contact;
    }

    public boolean isNew() {
      return isNew;
    }

    /** True when the stored contact must be updated (always for a new one). */
    public boolean changed() {
      return changed;
    }

    public Set<String> refs() {
      return refs;
    }

    /** The source references the store does not hold yet for this contact. */
    public Set<String> newRefs() {
      Set<String> fresh = new LinkedHashSet<>(refs);
      fresh.removeAll(knownRefs);
      return fresh;
    }

    public List<ContactEvent> events() {
      return events;
    }

    void absorb(SourceContact in) {
      Contact merged = merge(contact, in);
      if (!merged.equals(contact)) {
        contact = merged;
        changed = true;
      }
      refs.add(in.externalId());
    }
  }

  /** Groups and matches one batch of records from {@code source}. */
  public List<Person> resolve(List<SourceRecord> records, Known known) {
    Map<Long, Person> byId = new HashMap<>();
    Map<String, Person> byRef = new HashMap<>();
    Map<String, Person> byEmail = new HashMap<>();
    Map<String, Person> byPhone = new HashMap<>();
    Map<Person, Boolean> ordered = new IdentityHashMap<>();
    List<Person> people = new ArrayList<>();

    for (SourceRecord record : records) {
      SourceContact in = record.contact();
      Person person = byRef.get(in.externalId());
      if (person == null && in.email() != null) {
        person = byEmail.get(in.email());
      }
      if (person == null && in.phone() != null) {
        person = byPhone.get(in.phone());
      }
      if (person == null) {
        Contact stored = storedMatch(in, known);
        if (stored != null) {
          person = byId.computeIfAbsent(stored.id(), id -> new Person(stored, false));
          if (known.bySourceRef(in.externalId()) != null) {
            person.knownRefs.add(in.externalId());
          }
        } else {
          person = new Person(empty(), true);
        }
      }
      person.absorb(in);
      person.events.addAll(record.events());
      byRef.put(in.externalId(), person);
      if (person.contact.email() != null) {
        byEmail.putIfAbsent(person.contact.email(), person);
      }
      if (person.contact.phone() != null) {
        byPhone.putIfAbsent(person.contact.phone(), person);
      }
      if (ordered.put(person, Boolean.TRUE) == null) {
        people.add(person);
      }
    }
    return people;
  }

  private static Contact storedMatch(SourceContact in, Known known) {
    Contact stored = known.bySourceRef(in.externalId());
    if (stored == null && in.email() != null) {
      stored = known.byEmail(in.email());
    }
    if (stored == null && in.phone() != null) {
      stored = known.byPhone(in.phone());
    }
    return stored;
  }

  /**
   * What a contact becomes when a source tells us about it: blanks are filled in, known values
   * stay, and the most restrictive consent wins.
   */
  static Contact merge(Contact stored, SourceContact in) {
    return new Contact(
        stored.id(),
        firstNonNull(stored.email(), in.email()),
        firstNonNull(stored.phone(), in.phone()),
        firstNonNull(stored.firstName(), in.firstName()),
        firstNonNull(stored.lastName(), in.lastName()),
        strictest(stored.emailConsent(), in.emailConsent()),
        strictest(stored.smsConsent(), in.smsConsent()));
  }

  private static Contact empty() {
    return new Contact(0, null, null, null, null, Consent.UNKNOWN, Consent.UNKNOWN);
  }

  private static Consent strictest(Consent a, Consent b) {
    return (a == null ? Consent.UNKNOWN : a).strictest(b == null ? Consent.UNKNOWN : b);
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }
}
