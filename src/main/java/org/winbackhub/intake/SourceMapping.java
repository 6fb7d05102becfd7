package org.winbackhub.intake;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.config.YamlFiles;
import org.winbackhub.model.EventType;

/**
 * How a SQL source's rows become contacts and events, as written in {@code config/mappings/*.yaml}.
 * Every query reads incrementally: it filters on {@code :watermark} and orders by its change marker
 * column, so a sync picks up where the last one stopped. A query may name how the source marks a
 * deleted record ({@link Deleted}); it then returns deleted rows too, and the hub applies them.
 */
public record SourceMapping(ContactQuery contacts, ContactQuery leads, List<EventQuery> events) {
  static final Set<String> CONTACT_FIELDS =
      Set.of("email", "phone", "first_name", "last_name", "owner");
  static final Set<String> CONSENT_FIELDS = Set.of("email_opt_out", "sms_opt_out");
  static final Set<EventType> EVENT_TYPES =
      Set.of(
          EventType.PURCHASE,
          EventType.REFUND,
          EventType.VISIT,
          EventType.COMPLAINT,
          EventType.SIGNUP,
          EventType.ACTIVITY);

  /** The contacts query: one row per person. */
  public record ContactQuery(
      String query,
      String key,
      String changed,
      Map<String, String> fields,
      Map<String, String> consent,
      Deleted deleted) {
    public ContactQuery {
      MappingQueries.checkIncremental("contacts", query);
      MappingQueries.checkDeleted("contacts", query, deleted);
      MappingQueries.require("contacts.key", key);
      MappingQueries.require("contacts.changed", changed);
      fields = fields == null ? Map.of() : Map.copyOf(fields);
      consent = consent == null ? Map.of() : Map.copyOf(consent);
      for (String f : fields.keySet()) {
        if (!CONTACT_FIELDS.contains(f)) {
          throw new ConfigValueException(
              "contacts.fields: unknown field '"
                  + f
                  + "'; expected "
                  + new TreeSet<>(CONTACT_FIELDS));
        }
      }
      for (String f : consent.keySet()) {
        if (!CONSENT_FIELDS.contains(f)) {
          throw new ConfigValueException(
              "contacts.consent: unknown field '"
                  + f
                  + "'; expected "
                  + new TreeSet<>(CONSENT_FIELDS));
        }
      }
    }

    public ContactQuery(
        String query,
        String key,
        String changed,
        Map<String, String> fields,
        Map<String, String> consent) {
      this(query, key, changed, fields, consent, null);
    }
  }

  /**
   * An events query: one row per purchase, refund (money given back: its own event, never a
   * negative purchase), visit, complaint or CRM activity. {@code key} names the column that
   * identifies the event, or several separated by commas when only together they do (a contact's id
   * and its last-activity date).
   */
  public record EventQuery(
      EventType type,
      String query,
      String key,
      String contact,
      String at,
      String amount,
      String currency,
      String changed,
      Deleted deleted) {
    public EventQuery {
      if (type == null || !EVENT_TYPES.contains(type)) {
        throw new ConfigValueException(
            "events[].type: expected purchase, refund, visit, complaint, signup or activity, got '"
                + type
                + "'");
      }
      MappingQueries.checkIncremental("events[" + type.code() + "]", query);
      MappingQueries.require("events[" + type.code() + "].key", key);
      MappingQueries.require("events[" + type.code() + "].contact", contact);
      MappingQueries.require("events[" + type.code() + "].at", at);
      MappingQueries.require("events[" + type.code() + "].changed", changed);
      if ((type == EventType.PURCHASE || type == EventType.REFUND)
          && (amount == null || amount.isBlank())) {
        throw new ConfigValueException(
            "events["
                + type.code()
                + "].amount: a "
                + type.code()
                + " query must name its amount column");
      }
      MappingQueries.checkDeleted("events[" + type.code() + "]", query, deleted);
    }

    public EventQuery(
        EventType type,
        String query,
        String key,
        String contact,
        String at,
        String amount,
        String currency,
        String changed) {
      this(type, query, key, contact, at, amount, currency, changed, null);
    }

    /** The id in the hub of the event with this key: unique per type within the source. */
    public String eventId(String key) {
      return type.code() + ":" + key;
    }

    /** The watermark name of this query, unique within a source. */
    public String stream() {
      return "events:" + type.code() + ":" + key.replace(" ", "");
    }
  }

  /**
   * How a query marks a deleted record: a {@code column}, and the {@code values} that mean deleted
   * ({@code [true, 1]}, {@code [deleted, merged]}); without values, any value but null does (a
   * {@code deleted_at} time). The query must return the deleted rows too, so the hub sees them.
   */
  public record Deleted(String column, List<Object> values) {
    public Deleted {
      if (column == null || column.isBlank()) {
        throw new ConfigValueException(
            "deleted.column: missing; name the column that marks a deleted row, e.g. {column:"
                + " deleted_at}");
      }
      if (values != null) {
        if (values.isEmpty()) {
          throw new ConfigValueException(
              "deleted.values: empty; list the values that mean deleted, e.g. [true, 1],"
                  + " or leave values out so that any value but null does");
        }
        for (Object v : values) {
          if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
            throw new ConfigValueException(
                "deleted.values: expected plain values such as true, 1 or 'Y', got "
                    + (v == null ? "null" : v));
          }
        }
        values = List.copyOf(values);
      }
    }

    /**
     * Why the row is deleted ("deleted in the source (archived = true)"), or null when it is live.
     */
    public String why(Map<String, Object> row) {
      Object v = SqlRowMapper.column(row, column);
      if (v == null || (v instanceof String text && text.isBlank())) {
        return null;
      }
      if (values == null) {
        return "deleted in the source (" + column + (plain(v) ? " = " + v : " set") + ")";
      }
      String value = normalized(v);
      for (Object marker : values) {
        if (normalized(marker).equals(value)) {
          return "deleted in the source (" + column + " = " + marker + ")";
        }
      }
      return null;
    }

    /**
     * A value shown in a reason: never free text, which might be personal (a deleted_by address).
     */
    private static boolean plain(Object v) {
      return v instanceof Number
          || v instanceof Boolean
          || v instanceof Temporal
          || v instanceof Date;
    }

    /**
     * Booleans, numbers (1 = 1.0) and text (trimmed, any case) compared alike from YAML, JDBC and
     * JSON.
     */
    private static String normalized(Object v) {
      if (v instanceof Number n) {
        try {
          return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
          return n.toString();
        }
      }
      return v.toString().trim().toLowerCase(Locale.ROOT);
    }
  }

  public SourceMapping {
    if (contacts == null) {
      throw new ConfigValueException("contacts: missing; a mapping needs a contacts query");
    }
    events = events == null ? List.of() : List.copyOf(events);
  }

  public SourceMapping(ContactQuery contacts, List<EventQuery> events) {
    this(contacts, null, events);
  }

  /**
   * The queries that yield people, by stream name: {@code contacts}, and {@code leads} where the
   * source keeps prospects apart (a Salesforce org's Leads).
   */
  public Map<String, ContactQuery> contactQueries() {
    Map<String, ContactQuery> queries = new LinkedHashMap<>();
    queries.put("contacts", contacts);
    if (leads != null) {
      queries.put("leads", leads);
    }
    return queries;
  }

  public static SourceMapping load(Path file) {
    return YamlFiles.read(file, SourceMapping.class);
  }
}
