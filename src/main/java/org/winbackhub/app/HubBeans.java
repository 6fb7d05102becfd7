package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.config.SecretKeys;
import org.winbackhub.feedback.ClickTracker;
import org.winbackhub.feedback.StatusTransitions;
import org.winbackhub.intake.BatchCommit;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.MappedSourceSync;
import org.winbackhub.intake.PhoneNormalizer;
import org.winbackhub.intake.RejectedShare;
import org.winbackhub.intake.SourcePrecedence;
import org.winbackhub.intake.camel.SourceHealth;
import org.winbackhub.intake.camel.SourceRuns;
import org.winbackhub.intake.loyalty.CsvRecords;
import org.winbackhub.intake.loyalty.LoyaltyFileFormat;
import org.winbackhub.intake.loyalty.LoyaltyFileIntake;
import org.winbackhub.intake.loyalty.camel.LoyaltyFiles;
import org.winbackhub.intake.salesforce.camel.SalesforceSources;
import org.winbackhub.intake.sql.camel.SqlSources;
import org.winbackhub.journey.Journey;
import org.winbackhub.journey.JourneyPlanner;
import org.winbackhub.report.SummaryReport;
import org.winbackhub.segment.AsOf;
import org.winbackhub.segment.Explainer;
import org.winbackhub.segment.InactivityPolicy;
import org.winbackhub.segment.Segmenter;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.SourceFileRepository;
import org.winbackhub.store.SourceRunRepository;
import org.winbackhub.store.StoreUrl;
import org.winbackhub.store.WatermarkRepository;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * Wires the hub: reads its properties and configuration files, opens the store, and binds the
 * beans the YAML routes call by name. The only class that knows every stage.
 */
public final class HubBeans implements CamelConfiguration {

  @Override
  public void configure(CamelContext context) {
    Settings s = new Settings(context);
    maskSecrets(context, s);
    try {
      context.addStartupListener(new Listeners(s));
    } catch (Exception e) {
      throw new IllegalStateException("cannot watch the HTTP listeners", e);
    }
    Registry r = context.getRegistry();
    // millisecond ticks: every store keeps them exactly, so "due at now" is due at now
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    Path configDir = s.path("hub.config-dir");
    Path dataDir = s.path("hub.data-dir");

    InactivityPolicy policy = InactivityPolicy.load(configDir.resolve("policies.yaml"));
    List<Journey> journeys = loadJourneys(configDir.resolve("journeys"));
    ZoneId zone = ZoneId.of(s.get("hub.time-zone"));

    HikariDataSource dataSource = dataSource(s);
    Database db = new Database(dataSource);
    new StoreStartup(db, dataSource, s.bool("hub.store.migrate", true), StoreStartup.where(s.get("hub.store.url")),
            Duration.parse(s.optional("hub.store.startup-timeout", "PT2M")))
        .prepare(context);
    ContactRepository contacts = new ContactRepository(db);
    EventRepository events = new EventRepository(db);
    RejectRepository rejects = new RejectRepository(db);
    FactRepository facts = new FactRepository(db, segmentWorkers(s));
    EnrollmentRepository enrollments = new EnrollmentRepository(db);
    OutboxRepository outbox = new OutboxRepository(db, events);

    PhoneNormalizer phones = new PhoneNormalizer(s.get("hub.phone.default-region"));
    FieldRules fields = fieldRules(s, phones, zone, clock);
    ContactIntake intake =
        new ContactIntake(db, contacts, events, rejects, SourcePrecedence.load(configDir.resolve("identity.yaml")), clock);
    LoyaltyFileFormat loyalty =
        new LoyaltyFileFormat(
            s.optional("hub.loyalty.source-id", "loyalty"),
            Arrays.stream(s.get("hub.loyalty.columns").split(",")).map(String::trim).toList(),
            delimiter(s.get("hub.loyalty.delimiter")),
            Charset.forName(s.get("hub.loyalty.charset")),
            s.bool("hub.loyalty.header", true),
            zone,
            s.get("hub.currency"));

    if (s.bool("hub.secrets.required", false)) {
      for (String key : new String[] {"hub.tracking.secret", "hub.store.password", "hub.smtp.password"}) {
        s.get(key); // fails naming the key and its env variable when it is empty
      }
    }
    TrackingToken tokens =
        new TrackingToken(TrackingSecret.resolve(s.optional("hub.tracking.secret", ""), dataDir));
    LinkTargets links = new LinkTargets(s.get("hub.public-url"), s.withPrefix("hub.links."));
    StatusTransitions transitions = new StatusTransitions(enrollments, clock);

    r.bind(ManagementJolokia.NAME, new ManagementJolokia(new AllowedHosts(allowedHosts(s))));
    r.bind("hubDataSource", dataSource);
    r.bind("hubDatabase", db);
    r.bind("hubContacts", contacts);
    r.bind("hubFacts", facts);
    r.bind("hubEvents", events);
    r.bind("hubStoreHealth", new DatabaseHealthCheck(db));
    r.bind("hubRejects", new DeadLetters(rejects, clock));
    SourceHealth sourceHealth = new SourceHealth(context);
    CsvRecords.Limits lines = new CsvRecords.Limits(
        s.integer("hub.loyalty.max-line-length", 10_000, 100), s.integer("hub.loyalty.max-record-lines", 10, 1));
    LoyaltyFileIntake files = new LoyaltyFileIntake(loyalty, lines, fields, intake, new SourceFileRepository(db), db, clock);
    r.bind("loyaltyFiles", new LoyaltyFiles(files, sourceHealth));
    // segments as of a past day (hub.segment.as-of), for checking a policy against a known date
    String asOf = s.optional("hub.segment.as-of", "");
    Clock segmentClock = asOf.isBlank() ? clock : AsOf.clock(asOf, policy.zoneId());
    r.bind("segmenter", new Segmenter(facts, policy, segmentClock, !asOf.isBlank()));
    Explainer explainer = new Explainer(facts, contacts, rejects, policy, segmentClock);
    r.bind("explainer", explainer);
    r.bind("explainEndpoint", new ExplainEndpoint(explainer, s.optional("hub.admin.token", "")));
    r.bind("statusTransitions", transitions);
    r.bind("journeyPlanner", new JourneyPlanner(db, enrollments, outbox, journeys, zone, clock));
    OutboxWiring.bind(context, s, db, dataSource, outbox, contacts, events,
        new EmailComposer(new TemplateStore(configDir.resolve("templates")), tokens, links, s.get("hub.email.from")), clock);
    r.bind("clickTracker", new ClickTracker(tokens, links, outbox, events, transitions, clock));
    BatchCommit batches = new BatchCommit(intake, new WatermarkRepository(db), db, clock);
    SourceRuns runs =
        new SourceRuns(context, sourceHealth, new SourceRunRepository(db), maxRejectedShare(s), clock);
    r.bind("sourceRuns", runs); // routes/errors.camel.yaml, hub-sources: a run that failed every redelivery
    Duration overlap = Duration.parse(s.optional("hub.sources.overlap", "PT1M"));
    SqlSources sqlSources =
        new SqlSources(context, new MappedSourceSync(batches, fields, zone, s.get("hub.currency"), overlap), s.home(), runs);
    r.bind("sqlSources", sqlSources);
    r.bind("winback-crm-jdbc-source", sqlSources);
    SalesforceSources salesforce =
        new SalesforceSources(
            context,
            new MappedSourceSync(batches, fields, zone, s.get("hub.currency"), overlap),
            s.home(),
            runs,
            Long.parseLong(s.optional("hub.salesforce.bulk-poll-ms", "5000")));
    r.bind("salesforceSources", salesforce);
    r.bind("winback-salesforce-source", salesforce);
    r.bind("winback-shop-api-source", ShopWiring.sources(context, s, batches, fields, overlap, clock, runs));
    r.bind("shopWebhooks", ShopWiring.webhooks(s, fields, intake));
    r.bind("summaryReport", new SummaryReport(contacts, rejects, facts, outbox, events, enrollments));
  }

  /**
   * The largest share of rejected rows per source: {@code hub.sources.NAME.max-rejected-share}, else
   * {@code hub.sources.max-rejected-share} (5 % when unset). A wrong value fails at start, naming its key.
   */
  static Function<String, RejectedShare> maxRejectedShare(Settings s) {
    String allKey = "hub.sources.max-rejected-share";
    RejectedShare all = RejectedShare.parse(allKey, s.optional(allKey, "5%"));
    Map<String, RejectedShare> bySource = new java.util.HashMap<>();
    s.withPrefix("hub.sources.").forEach((key, value) -> {
      if (key.endsWith(".max-rejected-share")) {
        String source = key.substring(0, key.length() - ".max-rejected-share".length());
        bySource.put(source, RejectedShare.parse("hub.sources." + key, value));
      }
    });
    return source -> bySource.getOrDefault(source, all);
  }

  /**
   * Camel masks the keys it knows to be sensitive in its start-up summary, errors and management
   * views; this adds every key that holds a secret by the hub's naming rule ({@link SecretKeys}),
   * so a new secret is masked without being listed anywhere.
   */
  static void maskSecrets(CamelContext context, Settings s) {
    String ours = SecretKeys.keywords(s.keys());
    String configured = context.getCamelContextExtension().getAdditionalSensitiveKeywords();
    context.getCamelContextExtension().setAdditionalSensitiveKeywords(
        configured == null || configured.isBlank() ? ours : configured + "," + ours);
  }

  /** The names /observe/jolokia answers to: as configured, or the management host and loopback. */
  static String allowedHosts(Settings s) {
    String host = s.optional("hub.management.host", "127.0.0.1");
    return s.optional("hub.management.allowed-hosts", host + ",localhost,127.0.0.1,[::1]");
  }

  /** The limits every source's fields are checked against (hub.intake.*). */
  static FieldRules fieldRules(Settings s, PhoneNormalizer phones, ZoneId zone, Clock clock) {
    String amount = s.optional("hub.intake.max-amount", "1000000").trim();
    String earliest = s.optional("hub.intake.earliest-date", "1990-01-01").trim();
    String ahead = s.optional("hub.intake.max-ahead", "PT24H").trim();
    try {
      return new FieldRules(phones, new BigDecimal(amount), LocalDate.parse(earliest), Duration.parse(ahead), zone, clock);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("hub.intake.max-amount, .earliest-date, .max-ahead: expected an amount such as"
          + " 1000000, a date such as 1990-01-01 and a duration such as PT24H, got '" + amount + "', '" + earliest + "', '"
          + ahead + "'", e);
    }
  }

  static List<Journey> loadJourneys(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Journey> journeys =
          files.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Journey::load).toList();
      long distinct = journeys.stream().map(Journey::id).distinct().count();
      if (distinct != journeys.size()) {
        throw new IllegalArgumentException("two journeys in " + dir + " share an id");
      }
      return journeys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list journeys in " + dir, e);
    }
  }

  /**
   * The store's pool, started lazily: the no-argument HikariDataSource opens no pool, thread or
   * connection until its first getConnection, so validate (which wires every bean but never asks
   * for a connection) needs no database and leaves nothing running.
   */
  /**
   * Connections a full segment run computes on at once: as configured, but leaving two of the pool
   * free (the run's lock, and the rest of the hub), so that no worker waits out the pool's timeout.
   */
  static int segmentWorkers(Settings s) {
    int workers = s.integer("hub.segment.workers");
    if (workers < 1) {
      throw new IllegalArgumentException("hub.segment.workers: at least 1, got " + workers);
    }
    int pool = s.integer("hub.store.pool-size");
    if (pool < 2) {
      throw new IllegalArgumentException("hub.store.pool-size: at least 2 (a segment run holds its lock on one connection and works on another), got " + pool);
    }
    return Math.max(1, Math.min(workers, pool - 2));
  }

  private static HikariDataSource dataSource(Settings s) {
    HikariDataSource ds = new HikariDataSource();
    ds.setPoolName("hub-store");
    ds.setJdbcUrl(StoreUrl.durable(s.get("hub.store.url")));
    ds.setUsername(s.optional("hub.store.user", null));
    ds.setPassword(s.optional("hub.store.password", null));
    ds.setMaximumPoolSize(s.integer("hub.store.pool-size"));
    ds.setInitializationFailTimeout(-1); // a store that is down at start is retried, not fatal
    ds.setConnectionTimeout(10_000);
    return ds;
  }

  private static char delimiter(String value) {
    String v = value.equals("\\t") || value.equalsIgnoreCase("tab") ? "\t" : value;
    if (v.length() != 1) {
      throw new IllegalArgumentException("hub.loyalty.delimiter: expected one character or 'tab', got '" + value + "'");
    }
    return v.charAt(0);
  }
}
