package org.winbackhub.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SuppressionReason;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OutboxViews;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.SuppressionRepository;

/**
 * Stores what comes back (a provider's events, delivery reports, replies, bounces) once, and acts
 * on it in the same transaction: each signal becomes an event in the contact's history under its
 * source's own event id (a second delivery of it changes nothing), tied to its message; a hard
 * bounce, a complaint, an unsubscribe or a STOP suppresses the address before the next claim; a
 * START lifts a STOP; soft bounces suppress after {@code softBounceLimit} of them. A signal that
 * names no known message or contact is kept as a rejected record with the reason, never dropped.
 * Only after the commit does the caller acknowledge; human opens and clicks then move the contact
 * on ({@link StatusTransitions}).
 */
public final class FeedbackRecorder {
  /** What a batch of signals did: new, already stored, kept as rejected. */
  public record Outcome(int stored, int duplicates, int rejected) {
    @Override
    public String toString() {
      return stored + " stored, " + duplicates + " already stored, " + rejected + " unknown";
    }
  }

  private final Database db;
  private final EventRepository events;
  private final ContactRepository contacts;
  private final SuppressionRepository suppressions;
  private final RejectRepository rejects;
  private final StatusTransitions transitions;
  private final int softBounceLimit;
  private final MachineOpens machineOpens;
  private final Clock clock;

  public FeedbackRecorder(
      Database db,
      EventRepository events,
      ContactRepository contacts,
      SuppressionRepository suppressions,
      RejectRepository rejects,
      StatusTransitions transitions,
      int softBounceLimit,
      MachineOpens machineOpens,
      Clock clock) {
    this.db = db;
    this.events = events;
    this.contacts = contacts;
    this.suppressions = suppressions;
    this.rejects = rejects;
    this.transitions = transitions;
    this.softBounceLimit = softBounceLimit;
    this.machineOpens = machineOpens;
    this.clock = clock;
  }

  /** Records the signals in one transaction; returns what happened once it is committed. */
  public Outcome record(List<Signal> signals) {
    Instant now = clock.instant();
    Set<Long> engaged = new LinkedHashSet<>();
    int[] counts = new int[3];
    db.inTransaction(
        "record feedback",
        c -> {
          List<Rejection> unknown = new ArrayList<>();
          for (Signal s : signals) {
            counts[recordOne(c, s, now, engaged, unknown)]++;
          }
          rejects.add(c, unknown, now);
          return null;
        });
    for (Long contact : engaged) {
      transitions.applyFor(contact);
    }
    return new Outcome(counts[0], counts[1], counts[2]);
  }

  /** 0: stored, 1: already stored, 2: unknown (kept as a rejected record). */
  private int recordOne(
      Connection c, Signal s, Instant now, Set<Long> engaged, List<Rejection> unknown)
      throws SQLException {
    Optional<OutboxMessage> message = message(c, s);
    Channel channel =
        message
            .map(OutboxMessage::channel)
            .orElse(isEmail(s.address()) ? Channel.EMAIL : Channel.SMS);
    String address = message.map(OutboxMessage::recipient).orElse(s.address());
    Long contactId = message.map(OutboxMessage::contactId).orElse(null);
    if (contactId == null && address != null) {
      contactId = contactOf(c, channel, address);
    }
    if (contactId == null) {
      unknown.add(
          new Rejection(
              s.source(),
              "webhook",
              null,
              s.eventId(),
              s.outboxId() != null
                  ? "outbox_id"
                  : s.providerMessageId() != null ? "message_id" : "to",
              s.kind() + ": no message or contact of the hub has this id or address",
              null,
              address,
              false));
      return 2;
    }
    EventType type = type(s.kind(), channel);
    String detail =
        s.detail() == null
            ? null
            : s.detail().length() > 900 ? s.detail().substring(0, 900) : s.detail();
    if (s.kind() == Signal.Kind.SOFT_BOUNCE) {
      detail = "soft: " + (detail == null ? "" : detail);
    }
    String flagged = s.flagged();
    if (flagged == null && s.kind() == Signal.Kind.OPENED && message.isPresent()) {
      MachineOpens.Verdict v =
          machineOpens.classify(s.at(), sentAt(c, message.get().id()), s.userAgent(), s.ip());
      flagged = v.machine() ? "machine open: " + v.reason() + " " + v.detail() : null;
    }
    boolean added =
        events.append(
                c,
                List.of(
                    new EventRepository.Owned(
                        contactId,
                        new ContactEvent(s.source(), s.eventId(), type, s.at(), null, null, detail),
                        message.map(OutboxMessage::id).orElse(null),
                        flagged == null ? null : flagged.strip())),
                now)
            == 1;
    if (!added) {
      return 1;
    }
    act(c, s, channel, address, contactId, now);
    if ((s.kind() == Signal.Kind.OPENED || s.kind() == Signal.Kind.CLICKED)
        && s.flagged() == null) {
      engaged.add(contactId);
    }
    return 0;
  }

  /** What the signal does beyond the history: suppressions and consent. */
  private void act(
      Connection c, Signal s, Channel channel, String address, long contactId, Instant now)
      throws SQLException {
    switch (s.kind()) {
      case HARD_BOUNCE ->
          suppressions.suppress(
              c, channel, address, SuppressionReason.HARD_BOUNCE, s.source(), now);
      case SOFT_BOUNCE -> {
        if (softBounces(c, contactId) >= softBounceLimit) {
          suppressions.suppress(
              c, channel, address, SuppressionReason.HARD_BOUNCE, s.source() + ":soft-limit", now);
        }
      }
      case COMPLAINED -> {
        suppressions.suppress(c, channel, address, SuppressionReason.COMPLAINT, s.source(), now);
        contacts.optOut(c, contactId, channel, now);
      }
      case UNSUBSCRIBED -> {
        suppressions.suppress(c, channel, address, SuppressionReason.UNSUBSCRIBED, s.source(), now);
        contacts.optOut(c, contactId, channel, now);
      }
      case OPTED_OUT -> {
        suppressions.suppress(c, Channel.SMS, address, SuppressionReason.STOP, s.source(), now);
        contacts.optOut(c, contactId, Channel.SMS, now);
      }
      case OPTED_IN -> {
        suppressions.lift(
            c,
            Channel.SMS,
            address,
            List.of(SuppressionReason.STOP, SuppressionReason.UNSUBSCRIBED));
        contacts.optIn(c, contactId, Channel.SMS, now);
      }
      default -> {
        // delivered, undelivered, opened, clicked: the history is all
      }
    }
  }

  private static Optional<OutboxMessage> message(Connection c, Signal s) throws SQLException {
    if (s.outboxId() != null) {
      return OutboxViews.find(c, s.outboxId());
    }
    if (s.providerMessageId() != null) {
      return OutboxViews.byProviderMessageId(c, s.source(), s.providerMessageId());
    }
    return Optional.empty();
  }

  private Long contactOf(Connection c, Channel channel, String address) throws SQLException {
    Map<String, Contact> found =
        channel == Channel.EMAIL
            ? contacts.byEmails(c, List.of(EmailAddress.key(address)))
            : contacts.byPhones(c, List.of(address));
    return found.values().stream().findFirst().map(Contact::id).orElse(null);
  }

  /** When the message was delivered, else sent; null when neither is known. */
  private static Instant sentAt(Connection c, long outboxId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MAX(occurred_at) FROM contact_event WHERE outbox_id = ? AND type IN"
                + " ('email_delivered', 'email_sent')")) {
      ps.setLong(1, outboxId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        java.time.OffsetDateTime t = rs.getObject(1, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
      }
    }
  }

  /** Soft bounces of the contact since its last delivery or engagement. */
  private static int softBounces(Connection c, long contactId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM contact_event b WHERE b.contact_id = ? AND b.type ="
                + " 'email_bounced' AND b.detail LIKE 'soft:%' AND b.occurred_at > COALESCE((SELECT"
                + " MAX(d.occurred_at) FROM contact_event d WHERE d.contact_id = b.contact_id AND"
                + " d.type IN ('email_delivered', 'email_opened', 'email_clicked') AND d.flagged IS"
                + " NULL), TIMESTAMP '1970-01-01 00:00:00')")) {
      ps.setLong(1, contactId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static boolean isEmail(String address) {
    return address != null && address.contains("@");
  }

  static EventType type(Signal.Kind kind, Channel channel) {
    boolean email = channel == Channel.EMAIL;
    return switch (kind) {
      case DELIVERED -> email ? EventType.EMAIL_DELIVERED : EventType.SMS_DELIVERED;
      case UNDELIVERED -> email ? EventType.EMAIL_BOUNCED : EventType.SMS_UNDELIVERED;
      case OPENED -> EventType.EMAIL_OPENED;
      case CLICKED -> email ? EventType.EMAIL_CLICKED : EventType.SMS_CLICKED;
      case HARD_BOUNCE, SOFT_BOUNCE -> EventType.EMAIL_BOUNCED;
      case COMPLAINED -> EventType.EMAIL_COMPLAINED;
      case UNSUBSCRIBED -> email ? EventType.EMAIL_UNSUBSCRIBED : EventType.SMS_STOP;
      case OPTED_OUT -> EventType.SMS_STOP;
      case OPTED_IN -> EventType.SMS_START;
    };
  }
}
