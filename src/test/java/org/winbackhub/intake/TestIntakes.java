package org.winbackhub.intake;

import java.time.Clock;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.RejectRepository;

/** Contact intake for tests that take records into a test store. */
public final class TestIntakes {
  private TestIntakes() {}

  /** Intake into {@code db} with repositories of its own, on the system clock. */
  public static ContactIntake on(Database db) {
    return new ContactIntake(
        db,
        new ContactRepository(db),
        new EventRepository(db),
        new RejectRepository(db),
        Clock.systemUTC());
  }
}
