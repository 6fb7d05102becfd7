package org.winbackhub.intake.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.InvalidFieldException;
import org.winbackhub.intake.Mapped;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/**
 * Turns one loyalty-file row (column name to raw text) into a normalized record: a contact (the
 * card holder) and one event. A bad contact field costs that field; a bad type, date, amount or
 * currency costs the row's event while the contact part, with its consent, still arrives. Only a
 * row without a usable card id is refused whole.
 */
public final class LoyaltyRowMapper {
  private static final List<EventType> TYPES =
      List.of(
          EventType.PURCHASE,
          EventType.REFUND,
          EventType.VISIT,
          EventType.COMPLAINT,
          EventType.SIGNUP);
  private static final DateTimeFormatter LOCAL_SPACE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");
  private static final String FLAGS = "expected yes/no, true/false or 1/0";

  private final LoyaltyFileFormat format;
  private final FieldRules rules;

  public LoyaltyRowMapper(LoyaltyFileFormat format, FieldRules rules) {
    this.format = format;
    this.rules = rules;
  }

  /** Maps a row: the record without its refused fields, and why each was refused. */
  public Mapped map(Map<String, String> row) {
    Mapped.Fields fields = new Mapped.Fields();
    String card;
    try {
      card = FieldRules.key("card_id", text(row, "card_id"), "every row needs the card id");
    } catch (InvalidFieldException e) {
      return fields.rejectWhole(e, FieldRules.shown(text(row, "card_id")), null);
    }
    Consent email = optOut(fields, row, "email_opt_out");
    Consent sms = optOut(fields, row, "sms_opt_out");
    SourceContact contact =
        rules.contact(
            fields,
            format.source(),
            card,
            text(row, "email"),
            text(row, "phone"),
            text(row, "first_name"),
            text(row, "last_name"),
            email,
            sms,
            null);
    ContactEvent event = event(fields, row, card);
    return fields.done(
        new SourceRecord(contact, event == null ? List.of() : List.of(event)), card, card);
  }

  /** The row's event, or null when a field it needs was refused. */
  private ContactEvent event(Mapped.Fields fields, Map<String, String> row, String card) {
    EventType type = fields.eventField(() -> type(text(row, "type")));
    Instant at =
        fields.eventField(() -> rules.occurredAt("occurred_at", instant(text(row, "occurred_at"))));
    BigDecimal amount =
        type == null
            ? null
            : fields.eventField(
                () -> rules.amount("amount", amount(text(row, "amount"), type), type));
    String currency =
        fields.eventField(
            () -> FieldRules.currency("currency", text(row, "currency"), format.currency()));
    String txn = text(row, "transaction_id");
    String id =
        type == null || at == null
            ? null
            : fields.eventField(
                () ->
                    FieldRules.eventId(
                        "transaction_id",
                        txn != null ? txn : type.code() + ":" + card + ":" + at.toEpochMilli()));
    if (fields.eventLost()) {
      return null;
    }
    return new ContactEvent(
        format.source(), id, type, at, amount, amount == null ? null : currency, null);
  }

  private static EventType type(String raw) {
    EventType type = EventType.fromCode(raw);
    if (type == null || !TYPES.contains(type)) {
      throw new InvalidFieldException(
          "type", "expected purchase, refund, visit, complaint or signup", FieldRules.shown(raw));
    }
    return type;
  }

  private Instant instant(String raw) {
    if (raw == null) {
      throw new InvalidFieldException("occurred_at", "missing");
    }
    try {
      if (raw.length() == 10) {
        return LocalDate.parse(raw).atStartOfDay(format.zone()).toInstant();
      }
      if (raw.endsWith("Z") || raw.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(raw.replace(' ', 'T')).toInstant();
      }
      return LocalDateTime.parse(raw.replace('T', ' '), LOCAL_SPACE)
          .atZone(format.zone())
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "occurred_at",
          "expected a date like 2025-03-14 or 2025-03-14 18:30",
          FieldRules.shown(raw));
    }
  }

  private static BigDecimal amount(String raw, EventType type) {
    if (raw == null) {
      if (type == EventType.PURCHASE || type == EventType.REFUND) {
        throw new InvalidFieldException("amount", "a " + type.code() + " needs an amount");
      }
      return null;
    }
    try {
      return new BigDecimal(raw.replace(',', '.'));
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(
          "amount", "expected a number such as 24.90", FieldRules.shown(raw));
    }
  }

  private static Consent optOut(Mapped.Fields fields, Map<String, String> row, String column) {
    String raw = text(row, column);
    if (raw == null) {
      return Consent.UNKNOWN;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "y", "si", "sí" -> Consent.OPTED_OUT;
      case "0", "false", "no", "n" -> Consent.GRANTED;
      default -> FieldRules.unreadableOptOut(fields, column, FLAGS, FieldRules.shown(raw));
    };
  }

  private static String text(Map<String, String> row, String column) {
    String v = row.get(column);
    if (v == null) {
      return null;
    }
    v = v.trim();
    return v.isEmpty() ? null : v;
  }
}
