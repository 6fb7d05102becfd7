package org.winbackhub.intake;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.config.YamlFiles;
import org.winbackhub.model.EventType;

/**
 * How a SQL source's rows become contacts and events, as written in {@code config/mappings/*.yaml}.
 * Every query reads incrementally: it filters on {@code :watermark} and orders by its change
 * marker column, so a sync picks up where the last one stopped.
 */
public record SourceMapping(ContactQuery contacts, ContactQuery leads, List<EventQuery> events) {
  static final Set<String> CONTACT_FIELDS = Set.of("email", "phone", "first_name", "last_name", "owner");
  static final Set<String> CONSENT_FIELDS = Set.of("email_opt_out", "sms_opt_out");
  static final Set<EventType> EVENT_TYPES =
      Set.of(EventType.PURCHASE, EventType.REFUND, EventType.VISIT, EventType.COMPLAINT, EventType.SIGNUP, EventType.ACTIVITY);

  /** The contacts query: one row per person. */
  public record ContactQuery(
      String query, String key, String changed, Map<String, String> fields, Map<String, String> consent) {
    public ContactQuery {
      requireQuery("contacts", query);
      require("contacts.key", key);
      require("contacts.changed", changed);
      fields = fields == null ? Map.of() : Map.copyOf(fields);
      consent = consent == null ? Map.of() : Map.copyOf(consent);
      for (String f : fields.keySet()) {
        if (!CONTACT_FIELDS.contains(f)) {
          throw new ConfigValueException("contacts.fields: unknown field '" + f + "'; expected " + new java.util.TreeSet<>(CONTACT_FIELDS));
        }
      }
      for (String f : consent.keySet()) {
        if (!CONSENT_FIELDS.contains(f)) {
          throw new ConfigValueException("contacts.consent: unknown field '" + f + "'; expected " + new java.util.TreeSet<>(CONSENT_FIELDS));
        }
      }
    }
  }

  /**
   * An events query: one row per purchase, refund (money given back: its own event, never a
   * negative purchase), visit, complaint or CRM activity. {@code key} names
   * the column that identifies the event, or several separated by commas when only together they
   * do (a contact's id and its last-activity date).
   */
  public record EventQuery(
      EventType type,
      String query,
      String key,
      String contact,
      String at,
      String amount,
      String currency,
      String changed) {
    public EventQuery {
      if (type == null || !EVENT_TYPES.contains(type)) {
        throw new ConfigValueException("events[].type: expected purchase, refund, visit, complaint, signup or activity, got '" + type + "'");
      }
      requireQuery("events[" + type.code() + "]", query);
      require("events[" + type.code() + "].key", key);
      require("events[" + type.code() + "].contact", contact);
      require("events[" + type.code() + "].at", at);
      require("events[" + type.code() + "].changed", changed);
      if ((type == EventType.PURCHASE || type == EventType.REFUND) && (amount == null || amount.isBlank())) {
        throw new ConfigValueException("events[" + type.code() + "].amount: a " + type.code() + " query must name its amount column");
      }
    }

    /** The watermark name of this query, unique within a source. */
    public String stream() {
      return "events:" + type.code() + ":" + key.replace(" ", "");
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
    Map<String, ContactQuery> queries = new java.util.LinkedHashMap<>();
    queries.put("contacts", contacts);
    if (leads != null) {
      queries.put("leads", leads);
    }
    return queries;
  }

  private static void require(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigValueException(key + ": missing");
    }
  }

  private static void requireQuery(String key, String query) {
    if (query == null || !query.contains(":watermark")) {
      throw new ConfigValueException(key + ".query: must filter on :watermark, e.g. WHERE updated_at >= :watermark");
    }
    if (!query.toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\border\\s+by\\b.*")) {
      throw new ConfigValueException(key + ".query: must ORDER BY its change marker, so the watermark only moves past rows already taken in");
    }
  }

  public static SourceMapping load(Path file) {
    return YamlFiles.read(file, SourceMapping.class);
  }
}
