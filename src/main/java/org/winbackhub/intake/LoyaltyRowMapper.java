package org.winbackhub.intake;

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
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/** Turns one loyalty-file row (column name to raw text) into a normalized record, or says why not. */
public final class LoyaltyRowMapper {
  private static final List<EventType> TYPES =
      List.of(EventType.PURCHASE, EventType.VISIT, EventType.COMPLAINT, EventType.SIGNUP);
  private static final DateTimeFormatter LOCAL_SPACE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  private final LoyaltyFileFormat format;
  private final EmailNormalizer emails = new EmailNormalizer();
  private final PhoneNormalizer phones;

  public LoyaltyRowMapper(LoyaltyFileFormat format, PhoneNormalizer phones) {
    this.format = format;
    this.phones = phones;
  }

  /** Maps a row; throws {@link InvalidFieldException} naming the field that is wrong. */
  public SourceRecord map(Map<String, String> row) {
    String card = text(row, "card_id");
    if (card == null) {
      throw new InvalidFieldException("card_id", "missing: every row needs the card id");
    }
    EventType type = EventType.fromCode(text(row, "type"));
    if (type == null || !TYPES.contains(type)) {
      throw new InvalidFieldException(
          "type", "expected purchase, visit, complaint or signup, got '" + text(row, "type") + "'");
    }
    Instant at = instant(text(row, "occurred_at"));
    BigDecimal amount = amount(text(row, "amount"), type);
    String currency = text(row, "currency");
    if (currency == null) {
      currency = format.currency();
    } else if (!currency.matches("[A-Za-z]{3}")) {
      throw new InvalidFieldException("currency", "expected a 3-letter ISO code, got '" + currency + "'");
    }
    String txn = text(row, "transaction_id");
    String eventId = txn != null ? txn : type.code() + ":" + card + ":" + at.toEpochMilli();
    SourceContact contact =
        new SourceContact(
            format.source(),
            card,
            emails.normalize(text(row, "email")),
            phones.normalize(text(row, "phone")),
            text(row, "first_name"),
            text(row, "last_name"),
            optOut(row, "email_opt_out"),
            optOut(row, "sms_opt_out"));
    ContactEvent event =
        new ContactEvent(
            format.source(),
            eventId,
            type,
            at,
            amount,
            amount == null ? null : currency.toUpperCase(Locale.ROOT),
            null);
    return new SourceRecord(contact, List.of(event));
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
      return LocalDateTime.parse(raw.replace('T', ' '), LOCAL_SPACE).atZone(format.zone()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "occurred_at", "expected a date like 2025-03-14 or 2025-03-14 18:30, got '" + raw + "'");
    }
  }

  private static BigDecimal amount(String raw, EventType type) {
    if (raw == null) {
      if (type == EventType.PURCHASE) {
        throw new InvalidFieldException("amount", "a purchase needs an amount");
      }
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(raw.replace(',', '.'));
      if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 12) {
        throw new InvalidFieldException("amount", "expected a positive amount with up to 2 decimals, got '" + raw + "'");
      }
      return amount;
    } catch (NumberFormatException e) {
      throw new InvalidFieldException("amount", "expected a number such as 24.90, got '" + raw + "'");
    }
  }

  private static Consent optOut(Map<String, String> row, String column) {
    String raw = text(row, column);
    if (raw == null) {
      return Consent.UNKNOWN;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "y", "si", "sí" -> Consent.OPTED_OUT;
      case "0", "false", "no", "n" -> Consent.GRANTED;
      default -> throw new InvalidFieldException(column, "expected true or false, got '" + raw + "'");
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
