package org.winbackhub.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.winbackhub.model.Consent;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.SourceContact;
import org.winbackhub.model.SourceRecord;

/**
 * Turns rows of a SQL source (column label to value) into normalized records, by its mapping. A bad
 * field of a contact row costs that field: the contact arrives without it, with its names, other
 * identifiers and always its consent. A bad field of an event row costs that event. Only a row
 * without a usable key is refused whole.
 */
final class SqlRowMapper {
  private final String source;
  private final ZoneId zone;
  private final String currency;
  private final FieldRules rules;

  SqlRowMapper(String source, ZoneId zone, String currency, FieldRules rules) {
    this.source = source;
    this.zone = zone;
    this.currency = currency;
    this.rules = rules;
  }

  Mapped contact(SourceMapping.ContactQuery q, Map<String, Object> row) {
    Mapped.Fields fields = new Mapped.Fields();
    String raw = JdbcValues.text(column(row, q.key()));
    String key;
    try {
      key = FieldRules.key(q.key(), raw, "every contact row needs its key");
    } catch (InvalidFieldException e) {
      return fields.rejectWhole(e, raw, null);
    }
    Map<String, String> f = q.fields();
    // consent first: it arrives whatever else of the row is refused
    Consent email = consent(fields, q, row, "email_opt_out");
    Consent sms = consent(fields, q, row, "sms_opt_out");
    SourceContact contact =
        rules.contact(
            fields,
            source,
            key,
            text(row, f, "email"),
            text(row, f, "phone"),
            text(row, f, "first_name"),
            text(row, f, "last_name"),
            email,
            sms,
            text(row, f, "owner"));
    return fields.done(new SourceRecord(contact, List.of()), key, key);
  }

  Mapped event(SourceMapping.EventQuery q, Map<String, Object> row) {
    Mapped.Fields fields = new Mapped.Fields();
    String what = q.type().code();
    String rawKey = key(row, q.key());
    String rawContact = JdbcValues.text(column(row, q.contact()));
    String key;
    String contactKey;
    try {
      key = FieldRules.key(q.key(), rawKey, "every " + what + " row needs its key");
      contactKey =
          FieldRules.key(q.contact(), rawContact, "which contact the " + what + " belongs to");
    } catch (InvalidFieldException e) {
      return fields.rejectWhole(e, rawKey, rawContact);
    }
    String id = fields.eventField(() -> FieldRules.eventId(q.key(), q.eventId(key)));
    Instant at =
        fields.eventField(
            () -> rules.occurredAt(q.at(), JdbcValues.instant(column(row, q.at()), zone, q.at())));
    if (at == null && !fields.eventLost()) {
      fields.refuseEvent(
          new InvalidFieldException(q.at(), "missing: when the " + what + " happened"));
    }
    BigDecimal amount =
        q.amount() == null
            ? null
            : fields.eventField(
                () ->
                    rules.amount(
                        q.amount(),
                        JdbcValues.decimal(column(row, q.amount()), q.amount()),
                        q.type()));
    if (q.amount() != null && amount == null && !fields.eventLost()) {
      fields.refuseEvent(
          new InvalidFieldException(q.amount(), "missing: a " + what + " needs an amount"));
    }
    String cur =
        q.currency() == null || amount == null
            ? null
            : fields.eventField(
                () ->
                    FieldRules.currency(
                        q.currency(), JdbcValues.text(column(row, q.currency())), currency));
    if (fields.eventLost()) {
      return fields.done(null, key, contactKey);
    }
    ContactEvent event =
        new ContactEvent(
            source,
            id,
            q.type(),
            at,
            amount,
            amount == null ? null : (cur == null ? currency : cur),
            null);
    SourceContact who =
        new SourceContact(
            source, contactKey, null, null, null, null, Consent.UNKNOWN, Consent.UNKNOWN);
    return fields.done(new SourceRecord(who, List.of(event)), key, contactKey);
  }

  /** The value of a key column, or of several joined by ':'; null when any of them is empty. */
  static String key(Map<String, Object> row, String keyColumns) {
    StringBuilder key = new StringBuilder();
    for (String column : keyColumns.split(",")) {
      String part = JdbcValues.text(column(row, column.trim()));
      if (part == null) {
        return null;
      }
      key.append(key.length() == 0 ? "" : ":").append(part);
    }
    return key.toString();
  }

  /**
   * An opt-out column's value; one that cannot be read is never taken as consent: it counts as
   * opted out, and the field is refused saying so.
   */
  private static Consent consent(
      Mapped.Fields fields, SourceMapping.ContactQuery q, Map<String, Object> row, String field) {
    String column = q.consent().get(field);
    if (column == null) {
      return Consent.UNKNOWN;
    }
    try {
      return JdbcValues.optOut(column(row, column), column);
    } catch (InvalidFieldException e) {
      return FieldRules.unreadableOptOut(
          fields, field, "column " + column + ": " + e.reason(), e.value());
    }
  }

  private static String text(Map<String, Object> row, Map<String, String> fields, String field) {
    return fields.containsKey(field) ? JdbcValues.text(column(row, fields.get(field))) : null;
  }

  /**
   * A column's value; a mapping that names a column the query does not return is a config error.
   */
  static Object column(Map<String, Object> row, String column) {
    String label = column.toLowerCase(Locale.ROOT);
    if (!row.containsKey(label)) {
      throw new IllegalArgumentException(
          "the query returns no column '" + column + "' (it returns " + row.keySet() + ")");
    }
    return row.get(label);
  }
}
