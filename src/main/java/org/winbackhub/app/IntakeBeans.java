package org.winbackhub.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.winbackhub.intake.BatchCommit;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.PhoneNormalizer;
import org.winbackhub.intake.RejectedShare;
import org.winbackhub.intake.SourcePrecedence;
import org.winbackhub.intake.camel.SourceHealth;
import org.winbackhub.intake.camel.SourceRuns;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.SourceRunRepository;
import org.winbackhub.store.WatermarkRepository;

/**
 * The shared source engine every source kind uses: field rules, intake, batches, runs and their
 * health.
 */
public final class IntakeBeans implements CamelConfiguration {

  /** The limits every source's fields are checked against (hub.intake.*). */
  @BindToRegistry("hubFieldRules")
  public FieldRules fieldRules(Settings s, Clock clock) {
    PhoneNormalizer phones = new PhoneNormalizer(s.get("hub.phone.default-region"));
    ZoneId zone = ZoneId.of(s.get("hub.time-zone"));
    String amount = s.optional("hub.intake.max-amount", "1000000").trim();
    String earliest = s.optional("hub.intake.earliest-date", "1990-01-01").trim();
    String ahead = s.optional("hub.intake.max-ahead", "PT24H").trim();
    try {
      return new FieldRules(
          phones,
          new BigDecimal(amount),
          LocalDate.parse(earliest),
          Duration.parse(ahead),
          zone,
          clock);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "hub.intake.max-amount, .earliest-date, .max-ahead: expected an amount such as"
              + " 1000000, a date such as 1990-01-01 and a duration such as PT24H, got '"
              + amount
              + "', '"
              + earliest
              + "', '"
              + ahead
              + "'",
          e);
    }
  }

  @BindToRegistry("hubContactIntake")
  public ContactIntake intake(
      Settings s,
      Database db,
      ContactRepository contacts,
      EventRepository events,
      RejectRepository rejects,
      Clock clock) {
    SourcePrecedence precedence =
        SourcePrecedence.load(s.path("hub.config-dir").resolve("identity.yaml"));
    return new ContactIntake(db, contacts, events, rejects, precedence, clock);
  }

  @BindToRegistry("hubSourceHealth")
  public SourceHealth sourceHealth(CamelContext context) {
    return new SourceHealth(context);
  }

  @BindToRegistry("hubBatchCommit")
  public BatchCommit batches(ContactIntake intake, Database db, Clock clock) {
    return new BatchCommit(intake, new WatermarkRepository(db), db, clock);
  }

  /**
   * Also the last step of routes/errors.camel.yaml's hub-sources: a run that failed every
   * redelivery.
   */
  @BindToRegistry("sourceRuns")
  public SourceRuns runs(
      CamelContext context, SourceHealth health, Settings s, Database db, Clock clock) {
    return new SourceRuns(context, health, new SourceRunRepository(db), maxRejectedShare(s), clock);
  }

  /**
   * The largest share of rejected rows per source: {@code hub.sources.NAME.max-rejected-share},
   * else {@code hub.sources.max-rejected-share} (5 % when unset). A wrong value fails at start,
   * naming its key.
   */
  static Function<String, RejectedShare> maxRejectedShare(Settings s) {
    String allKey = "hub.sources.max-rejected-share";
    RejectedShare all = RejectedShare.parse(allKey, s.optional(allKey, "5%"));
    Map<String, RejectedShare> bySource = new HashMap<>();
    s.withPrefix("hub.sources.")
        .forEach(
            (key, value) -> {
              if (key.endsWith(".max-rejected-share")) {
                String source = key.substring(0, key.length() - ".max-rejected-share".length());
                bySource.put(source, RejectedShare.parse("hub.sources." + key, value));
              }
            });
    return source -> bySource.getOrDefault(source, all);
  }
}
