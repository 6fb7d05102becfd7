package org.winbackhub.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.FieldSources;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/**
 * Decides which stored contact each incoming record is about, by the same source id, the same email
 * or the same phone. When one record ties together contacts that were apart (its source id is one
 * contact, its email another), they are merged: the oldest survives, the others are recorded as
 * merged into it. Records of one batch about the same person end up on one {@link Person}.
 */
public final class IdentityResolver {
  private final SourcePrecedence precedence;

  public IdentityResolver(SourcePrecedence precedence) {
    this.precedence = precedence;
  }

  public IdentityResolver() {
    this(SourcePrecedence.NONE);
  }

  /** What the store already knows, fetched in bulk for one batch. */
  public interface Known {
    Contact bySourceRef(String externalId);

    /** The live contact with this address, by its {@link EmailAddress#key}. */
    Contact byEmail(String emailKey);

    Contact byPhone(String phone);
  }

  /** A stored contact folded into another, and why. */
  public record Merge(Contact merged, Contact survivorBefore, String reason) {}

  /** One person of the batch: the contact as it should be stored and what to append. */
  public static final class Person {
    private Contact contact;
    private final Contact stored;
    private boolean changed;
    private final Set<String> refs = new LinkedHashSet<>();
    private final Set<String> knownRefs = new HashSet<>();
    private final List<ContactEvent> events = new ArrayList<>();
    private final List<Merge> merges = new ArrayList<>();

    Person(Contact stored) {
      this.stored = stored;
      this.contact = stored == null ? empty() : stored;
      this.changed = stored == null;
    }

    public Contact contact() {
      return contact;
    }

    public boolean isNew() {
      return stored == null;
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

    /** The contact as stored before this batch (null for a new one). */
    public Contact storedBefore() {
      return stored;
    }

    /** Stored contacts this batch folds into this one. */
    public List<Merge> merges() {
      return merges;
    }

    long storedId() {
      return stored == null ? Long.MAX_VALUE : stored.id();
    }

    void absorb(IdentityResolver r, SourceContact in) {
      update(r.merge(contact, in));
      refs.add(in.externalId());
    }

    /** Takes {@code other} in: its fields fill blanks, its refs and events become ours. */
    void fold(IdentityResolver r, Person other, String reason) {
      if (other.stored != null) {
        merges.add(new Merge(other.stored, stored, reason));
        merges.addAll(other.merges);
        knownRefs.addAll(other.knownRefs);
      }
      update(r.mergeContacts(contact, other.contact));
      refs.addAll(other.refs);
      events.addAll(other.events);
    }

    private void update(Contact merged) {
      if (!merged.equals(contact)) {
        contact = merged;
        changed = true;
      }
    }
  }

  /** Groups and matches one batch of records. */
  public List<Person> resolve(List<SourceRecord> records, Known known) {
    Map<Long, Person> byId = new HashMap<>();
    Map<String, Person> byRef = new HashMap<>();
    Map<String, Person> byEmail = new HashMap<>();
    Map<String, Person> byPhone = new HashMap<>();
    Set<Person> people = new LinkedHashSet<>(); // identity: Person has no equals

    for (SourceRecord record : records) {
      SourceContact in = record.contact();
      String emailKey = EmailAddress.key(in.email());
      Contact storedRef = known.bySourceRef(in.externalId());
      Contact storedEmail = emailKey == null ? null : known.byEmail(emailKey);
      Contact storedPhone = in.phone() == null ? null : known.byPhone(in.phone());
      Set<Person> matches = new LinkedHashSet<>();
      add(matches, byRef.get(in.externalId()));
      add(matches, emailKey == null ? null : byEmail.get(emailKey));
      add(matches, in.phone() == null ? null : byPhone.get(in.phone()));
      for (Contact s : new Contact[] {storedRef, storedEmail, storedPhone}) {
        if (s != null) {
          Person p = byId.computeIfAbsent(s.id(), id -> new Person(s));
          people.add(p);
          matches.add(p);
        }
      }

      Person person;
      if (matches.isEmpty()) {
        person = new Person(null);
        people.add(person);
      } else {
        person = matches.stream().min(Comparator.comparingLong(Person::storedId)).orElseThrow();
        for (Person other : matches) {
          if (other != person) {
            person.fold(this, other, reason(in, storedRef, storedEmail, storedPhone));
            people.remove(other);
            redirect(byRef, other, person);
            redirect(byEmail, other, person);
            redirect(byPhone, other, person);
            if (other.stored != null) {
              byId.put(other.stored.id(), person);
            }
          }
        }
      }
      if (storedRef != null) {
        person.knownRefs.add(in.externalId());
      }
      person.absorb(this, in);
      person.events.addAll(record.events());
      byRef.put(in.externalId(), person);
      if (person.contact.email() != null) {
        byEmail.putIfAbsent(EmailAddress.key(person.contact.email()), person);
      }
      if (person.contact.phone() != null) {
        byPhone.putIfAbsent(person.contact.phone(), person);
      }
    }
    return new ArrayList<>(people);
  }

  private static String reason(SourceContact in, Contact byRef, Contact byEmail, Contact byPhone) {
    List<String> how = new ArrayList<>();
    if (byRef != null) {
      how.add("source id " + in.source() + ":" + in.externalId());
    }
    if (byEmail != null) {
      how.add("email");
    }
    if (byPhone != null) {
      how.add("phone");
    }
    return "same person by " + String.join(" and ", how);
  }

  private static void add(Set<Person> set, Person p) {
    if (p != null) {
      set.add(p);
    }
  }

  private static void redirect(Map<String, Person> index, Person from, Person to) {
    index.replaceAll((k, v) -> v == from ? to : v);
  }

  /**
   * What a contact becomes when a source tells us about it: blanks are filled in, a known value
   * stays unless the source outranks the one it came from (config/identity.yaml), and the most
   * restrictive consent wins.
   */
  Contact merge(Contact stored, SourceContact in) {
    return combine(
        stored,
        new Contact(
            0,
            in.email(),
            in.phone(),
            in.firstName(),
            in.lastName(),
            in.emailConsent(),
            in.smsConsent(),
            new FieldSources(in.source(), in.source(), in.source(), in.source())));
  }

  /** The survivor of a merge: the same rule, with the other contact's values and their sources. */
  Contact mergeContacts(Contact survivor, Contact other) {
    return combine(survivor, other);
  }

  private Contact combine(Contact base, Contact in) {
    FieldSources bs = base.sources();
    FieldSources is = in.sources();
    Field email = pick("email", base.email(), bs.email(), in.email(), is.email());
    Field phone = pick("phone", base.phone(), bs.phone(), in.phone(), is.phone());
    Field first =
        pick("first_name", base.firstName(), bs.firstName(), in.firstName(), is.firstName());
    Field last = pick("last_name", base.lastName(), bs.lastName(), in.lastName(), is.lastName());
    return new Contact(
        base.id(),
        email.value(),
        phone.value(),
        first.value(),
        last.value(),
        strictest(base.emailConsent(), in.emailConsent()),
        strictest(base.smsConsent(), in.smsConsent()),
        new FieldSources(email.source(), phone.source(), first.source(), last.source()));
  }

  private record Field(String value, String source) {}

  private Field pick(
      String field, String value, String source, String incoming, String incomingSource) {
    if (incoming == null) {
      return new Field(value, source);
    }
    // addresses are the same when their keys are, whatever case or Unicode form each was typed in
    boolean same =
        field.equals("email")
            ? EmailAddress.key(incoming).equals(EmailAddress.key(value))
            : incoming.equals(value);
    if (value == null || (!same && precedence.replaces(field, incomingSource, source))) {
      return new Field(incoming, incomingSource);
    }
    return new Field(value, source == null && same ? incomingSource : source);
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
