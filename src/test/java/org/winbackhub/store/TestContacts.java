package org.winbackhub.store;

import java.time.Instant;
import java.util.List;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;

/** Contacts to start a store test from: an address and a first name, nothing else. */
public final class TestContacts {
  private TestContacts() {}

  /** A contact with {@code email} and {@code firstName}, the given email consent, no phone. */
  public static Contact person(String email, String firstName, Consent emailConsent) {
    return new Contact(0, email, null, firstName, null, emailConsent, Consent.UNKNOWN);
  }

  /** The same, with consent to email. */
  public static Contact person(String email, String firstName) {
    return person(email, firstName, Consent.GRANTED);
  }

  /** Inserts {@code people} in one transaction, recorded {@code at}; their ids, in order. */
  public static List<Long> insert(Database db, Instant at, Contact... people) {
    ContactRepository contacts = new ContactRepository(db);
    return db.inTransaction("seed", c -> contacts.insert(c, List.of(people), at));
  }
}
