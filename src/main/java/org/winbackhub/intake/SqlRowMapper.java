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

/** Turns rows of a SQL source (column label to value) into normalized records, by its mapping. */
final class SqlRowMapper {
  private final String source;
  private final ZoneId zone;
  private final String currency;
  private final EmailNormalizer emails = new EmailNormalizer();
  private final PhoneNormalizer phones;

  SqlRowMapper(String source, ZoneId zone, String currency, PhoneNormalizer phones) {
    this.source = source;
    this.zone = zone;
    this.currency = currency;
    this.phones = phones;
  }

  SourceRecord contact(SourceMapping.ContactQuery q, Map<String, Object> row) {
    String key = JdbcValues.text(column(row, q.key()));
    if (key == null) {
      throw new InvalidFieldException(q.key(), "missing: every contact row needs its key");
    }
    Map<String, String> f = q.fields();
    SourceContact contact =
        new SourceContact(
            source,
            key,
            f.containsKey("email") ? emails.normalize(JdbcValues.text(column(row, f.get("email")))) : null,
            f.containsKey("phone") ? phones.normalize(JdbcValues.text(column(row, f.get("phone")))) : null,
            f.containsKey("first_name") ? JdbcValues.text(column(row, f.get("first_name"))) : null,
            f.containsKey("last_name") ? JdbcValues.text(column(row, f.get("last_name"))) : null,
            consent(q, row, "email_opt_out"),
            consent(q, row, "sms_opt_out"),
            f.containsKey("owner") ? JdbcValues.text(column(row, f.get("owner"))) : null);
    return new SourceRecord(contact, List.of());
  }

  SourceRecord event(SourceMapping.EventQuery q, Map<String, Object> row) {
    String key = key(row, q.key());
    if (key == null) {
      throw new InvalidFieldException(q.key(), "missing: every " + q.type().code() + " row needs its key");
    }
    String contactKey = JdbcValues.text(column(row, q.contact()));
    if (contactKey == null) {
      throw new InvalidFieldException(q.contact(), "missing: which contact the " + q.type().code() + " belongs to");
    }
    Instant at = JdbcValues.instant(column(row, q.at()), zone, q.at());
    if (at == null) {
      throw new InvalidFieldException(q.at(), "missing: when the " + q.type().code() + " happened");
    }
    BigDecimal amount = q.amount() == null ? null : JdbcValues.decimal(column(row, q.amount()), q.amount());
    if (q.amount() != null && amount == null) {
      throw new InvalidFieldException(q.amount(), "missing: a " + q.type().code() + " needs an amount");
    }
    String cur = q.currency() == null ? null : JdbcValues.text(column(row, q.currency()));
    ContactEvent event =
        new ContactEvent(
            source,
            q.eventId(key),
            q.type(),
            at,
            amount,
            amount == null ? null : (cur == null ? currency : cur.toUpperCase(Locale.ROOT)),
            null);
    SourceContact who = new SourceContact(source, contactKey, null, null, null, null, Consent.UNKNOWN, Consent.UNKNOWN);
    return new SourceRecord(who, List.of(event));
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

  private static Consent consent(SourceMapping.ContactQuery q, Map<String, Object> row, String field) {
    String column = q.consent().get(field);
    return column == null ? Consent.UNKNOWN : JdbcValues.optOut(column(row, column), column);
  }

  /** A column's value; a mapping that names a column the query does not return is a config error. */
  static Object column(Map<String, Object> row, String column) {
    String label = column.toLowerCase(Locale.ROOT);
    if (!row.containsKey(label)) {
      throw new IllegalArgumentException("the query returns no column '" + column + "' (it returns " + row.keySet() + ")");
    }
    return row.get(label);
  }
}
