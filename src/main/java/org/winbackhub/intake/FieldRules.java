package org.winbackhub.intake;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.winbackhub.model.Consent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.Masked;
import org.winbackhub.model.SourceContact;
import org.winbackhub.store.ColumnSizes;

/**
 * The rules every source's fields meet before they are written, whatever the source kind: emails
 * and phones checked and normalized, text within its column, amounts within range (never negative,
 * at most {@code hub.intake.max-amount} and what the store holds), dates from {@code
 * hub.intake.earliest-date} up to {@code hub.intake.max-ahead} from now. Each rule throws {@link
 * InvalidFieldException} naming the field, with the value masked where it is personal.
 */
public final class FieldRules {
  private final PhoneNormalizer phones;
  private final EmailNormalizer emails = new EmailNormalizer();
  private final BigDecimal maxAmount;
  private final LocalDate earliest;
  private final Instant floor;
  private final Duration maxAhead;
  private final Clock clock;

  public FieldRules(
      PhoneNormalizer phones,
      BigDecimal maxAmount,
      LocalDate earliest,
      Duration maxAhead,
      ZoneId zone,
      Clock clock) {
    if (maxAmount.signum() <= 0 || maxAmount.compareTo(ColumnSizes.MAX_AMOUNT) > 0) {
      throw new IllegalArgumentException(
          "hub.intake.max-amount: expected a positive amount of at most "
              + ColumnSizes.MAX_AMOUNT.toPlainString()
              + " (what the store holds), got "
              + maxAmount.toPlainString());
    }
    if (maxAhead.isNegative()) {
      throw new IllegalArgumentException(
          "hub.intake.max-ahead: expected a duration such as PT24H, got " + maxAhead);
    }
    this.phones = phones;
    this.maxAmount = maxAmount;
    this.earliest = earliest;
    this.floor = earliest.atStartOfDay(zone).toInstant();
    this.maxAhead = maxAhead;
    this.clock = clock;
  }

  /**
   * The defaults of config/application.properties: at most 1,000,000, from 1990-01-01, a day ahead.
   */
  public static FieldRules defaults(PhoneNormalizer phones, ZoneId zone, Clock clock) {
    return new FieldRules(
        phones,
        new BigDecimal("1000000"),
        LocalDate.of(1990, 1, 1),
        Duration.ofDays(1),
        zone,
        clock);
  }

  public String email(String raw) {
    return emails.normalize(raw);
  }

  String phone(String raw) {
    return phones.normalize(raw);
  }

  /**
   * A person as a source gives them: each bad field refused alone (the contact arrives without it),
   * the consent as read.
   */
  public SourceContact contact(
      Mapped.Fields fields,
      String source,
      String key,
      String email,
      String phone,
      String firstName,
      String lastName,
      Consent emailConsent,
      Consent smsConsent,
      String owner) {
    return new SourceContact(
        source,
        key,
        fields.field(() -> email(email)),
        fields.field(() -> phone(phone)),
        fields.field(() -> text("first_name", firstName, ColumnSizes.NAME)),
        fields.field(() -> text("last_name", lastName, ColumnSizes.NAME)),
        emailConsent,
        smsConsent,
        fields.field(() -> text("owner", owner, ColumnSizes.OWNER)));
  }

  /**
   * A personal text field (a name, an owner) trimmed, null when blank; longer than its column is
   * refused.
   */
  static String text(String field, String raw, int column) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String v = raw.trim();
    if (v.length() > column) {
      throw new InvalidFieldException(
          field,
          "longer than its column: " + v.length() + " characters, at most " + column,
          Masked.text(v));
    }
    return v;
  }

  /**
   * A key (a record's id in its source); without one, or with one longer than the store keeps,
   * nothing can be linked.
   */
  public static String key(String field, String raw, String what) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidFieldException(field, "missing: " + what);
    }
    String v = raw.trim();
    if (v.length() > ColumnSizes.EXTERNAL_ID) {
      throw new InvalidFieldException(
          field,
          "longer than the store keeps: "
              + v.length()
              + " characters, at most "
              + ColumnSizes.EXTERNAL_ID,
          shown(v));
    }
    return v;
  }

  /** An event's own id as stored (e.g. {@code purchase:SO-1}); over-long costs the event. */
  public static String eventId(String field, String id) {
    if (id.length() > ColumnSizes.EXTERNAL_ID) {
      throw new InvalidFieldException(
          field,
          "the event id is longer than the store keeps: "
              + id.length()
              + " characters, at most "
              + ColumnSizes.EXTERNAL_ID,
          shown(id));
    }
    return id;
  }

  /**
   * An event's amount: at most two decimals, within range, never negative. A refund's amount is the
   * money given back, positive however the source signs it.
   */
  public BigDecimal amount(String field, BigDecimal amount, EventType type) {
    if (amount == null) {
      return null;
    }
    BigDecimal a = amount.stripTrailingZeros();
    if (a.scale() < 0) {
      a = a.setScale(0);
    }
    String shown = shown(amount.toPlainString());
    if (type == EventType.REFUND) {
      a = a.abs();
    } else if (a.signum() < 0) {
      throw new InvalidFieldException(
          field,
          type == EventType.PURCHASE
              ? "a purchase cannot be negative (refunds are events of their own: type refund)"
              : "an amount cannot be negative",
          shown);
    }
    if (a.scale() > 2) {
      throw new InvalidFieldException(field, "more than 2 decimals", shown);
    }
    if (a.compareTo(maxAmount) > 0) {
      throw new InvalidFieldException(
          field,
          "out of range: above the maximum of "
              + maxAmount.toPlainString()
              + " (hub.intake.max-amount)",
          shown);
    }
    return a;
  }

  /** When an event happened: not before the earliest date, not more than max-ahead from now. */
  public Instant occurredAt(String field, Instant at) {
    if (at == null) {
      return null;
    }
    if (at.isBefore(floor)) {
      throw new InvalidFieldException(
          field, "out of range: before " + earliest + " (hub.intake.earliest-date)", at.toString());
    }
    if (at.isAfter(clock.instant().plus(maxAhead))) {
      throw new InvalidFieldException(
          field,
          "out of range: more than "
              + maxAhead.toHours()
              + " hours in the future"
              + " (hub.intake.max-ahead)",
          at.toString());
    }
    return at;
  }

  /** A three-letter ISO 4217 code, upper-cased; {@code fallback} when none is given. */
  public static String currency(String field, String raw, String fallback) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    String c = raw.trim();
    if (!c.matches("[A-Za-z]{3}")) {
      throw new InvalidFieldException(
          field, "expected a three-letter ISO 4217 code such as EUR", shown(c));
    }
    return c.toUpperCase(Locale.ROOT);
  }

  /**
   * An opt-out flag that cannot be read is never taken as consent: it counts as opted out, and the
   * field is refused saying so, so that the mapping can be fixed.
   */
  public static Consent unreadableOptOut(
      Mapped.Fields fields, String field, String reason, String value) {
    fields.refuse(
        new InvalidFieldException(
            field, reason + "; taken as opted out until it can be read", value));
    return Consent.OPTED_OUT;
  }

  /** A value that is no personal data, cut to a length a rejection can show. */
  public static String shown(String value) {
    return value == null || value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
