package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.Properties;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.channel.EmailOutbox;
import org.winbackhub.channel.OutboxLedger;
import org.winbackhub.channel.ProviderGate;
import org.winbackhub.channel.RetryPolicy;
import org.winbackhub.channel.SendRate;
import org.winbackhub.channel.SenderInstance;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.channel.email.smtp.SmtpFailure;
import org.winbackhub.channel.email.smtp.SmtpServerFeatures;
import org.winbackhub.channel.email.smtp.camel.ReusingMailSender;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.model.Channel;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.OutboxResolutions;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * Sending from the outbox (docs/RELIABILITY.md): this process as a sender with its heartbeat and
 * the order of its shutdown, the email channel's claims and the thread pool its sends run on (as
 * many threads as a claim takes messages), and the operators' view of UNCERTAIN rows.
 */
public final class ChannelBeans implements CamelConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelBeans.class);

  /**
   * This process as a sender; its claims are released, and only then the store closed, when the hub
   * stops.
   */
  @BindToRegistry("outboxSender")
  public SenderInstance sender(
      CamelContext context,
      Settings s,
      Database db,
      @BeanInject("hubDataSource") HikariDataSource store,
      Clock clock) {
    PoolShares.sendConcurrency(s);
    SenderInstance sender = OutboxSender.create(s, db, clock);
    StoreCompaction compaction =
        new StoreCompaction(
            s.bool("hub.store.compact-at-stop", true),
            s.bytes("hub.store.compact-at-stop-above", "16MB"));
    context.getManagementStrategy().addEventNotifier(new HubShutdown(sender, store, compaction));
    return sender;
  }

  @BindToRegistry("outboxHeartbeat")
  public OutboxHeartbeat heartbeat(SenderInstance sender, Database db) {
    return new OutboxHeartbeat(sender, db);
  }

  /**
   * The email channel's rendering: templates, tracked links, and the List-Unsubscribe header with
   * the one-click URL under {@code hub.public-url} (and {@code hub.email.unsubscribe-mailto}).
   */
  @BindToRegistry("emailComposer")
  public EmailComposer emailComposer(
      CamelContext context,
      Settings s,
      TrackingToken tokens,
      LinkTargets links,
      PersonalFields fields)
      throws Exception {
    EmailProvider.chosen(s); // a wrong value fails the start, naming the key
    if (!links.publicUrlIsHttps() && s.bool("hub.secrets.required", false)) {
      // in production (its profile requires the secrets), said when the hub starts, not when a
      // command only wires it (validate's output is its own)
      context.addStartupListener(
          (camel, alreadyStarted) ->
              LOG.warn(
                  "hub.public-url is not https: mailbox providers ignore a one-click unsubscribe"
                      + " (List-Unsubscribe-Post, RFC 8058) whose URL is not HTTPS; set it to the"
                      + " hub's public https address in production"));
    }
    return new EmailComposer(
        new TemplateStore(s.path("hub.config-dir").resolve("templates")),
        tokens,
        links,
        s.get("hub.email.from"),
        fields,
        s.optional("hub.email.unsubscribe-mailto", null));
  }

  /** The SMTP server's breaker and pause; shut while no email goes through SMTP. */
  @BindToRegistry("smtpGate")
  public ProviderGate smtpGate(Settings s, Clock clock) {
    return ProviderLimits.gate(
        s, "hub.smtp", "smtp", EmailProvider.SMTP.inUse(s), SmtpFailure::serverTrouble, clock);
  }

  /** The breaker the SMTP route's circuitBreaker EIP runs its calls through. */
  @BindToRegistry("smtpBreaker")
  public CircuitBreaker smtpBreaker(@BeanInject("smtpGate") ProviderGate smtpGate) {
    return smtpGate.breaker();
  }

  @BindToRegistry("smtpSendRate")
  public SendRate smtpSendRate(Settings s) {
    return ProviderLimits.rate(s, "hub.smtp");
  }

  /** The camel-mail endpoint's sender: one kept-open connection per sending thread. */
  @BindToRegistry(value = "smtpSender", destroyMethod = "close")
  public ReusingMailSender smtpSender(Settings s) {
    return smtpSender(s, new Properties());
  }

  /** The same for messages to a UTF-8 name part: UTF-8 in the envelope and headers (RFC 6531). */
  @BindToRegistry(value = "smtpUtf8Sender", destroyMethod = "close")
  public ReusingMailSender smtpUtf8Sender(Settings s) {
    Properties utf8 = new Properties();
    utf8.setProperty("mail.mime.allowutf8", "true");
    return smtpSender(s, utf8);
  }

  private static ReusingMailSender smtpSender(Settings s, Properties mail) {
    String timeout = String.valueOf(s.duration("hub.smtp.timeout", "PT10S").toMillis());
    mail.setProperty("mail.smtp.connectiontimeout", timeout);
    mail.setProperty("mail.smtp.timeout", timeout);
    mail.setProperty("mail.smtp.writetimeout", timeout);
    if (s.bool("hub.smtp.starttls", false)) {
      mail.setProperty("mail.smtp.starttls.enable", "true");
      mail.setProperty("mail.smtp.starttls.required", "true");
    }
    return new ReusingMailSender(
        s.get("hub.smtp.host"),
        s.integer("hub.smtp.port"),
        s.optional("hub.smtp.username", null),
        s.optional("hub.smtp.password", null),
        mail,
        s.duration("hub.smtp.idle-check-after", "PT5S"),
        s.integer("hub.smtp.max-messages-per-connection", 1000, 1));
  }

  @BindToRegistry("emailOutbox")
  public EmailOutbox emailOutbox(
      CamelContext context,
      Settings s,
      OutboxRepository outbox,
      ContactRepository contacts,
      EmailComposer composer,
      @BeanInject("smtpGate") ProviderGate gate,
      SenderInstance sender,
      Clock clock) {
    int concurrency = PoolShares.sendConcurrency(s);
    senders(context, "emailSenders", concurrency);
    return new EmailOutbox(
        new OutboxLedger(
            outbox,
            Channel.EMAIL,
            EmailProvider.routes(s).scopeOf("smtp"),
            retryPolicy(s),
            sender,
            concurrency,
            clock),
        contacts,
        composer,
        new SmtpServerFeatures(
            s.get("hub.smtp.host"),
            s.integer("hub.smtp.port"),
            s.duration("hub.smtp.recheck-after", "PT10M"),
            clock),
        gate);
  }

  /** The thread pool a channel route's sends run on: as many threads as a claim takes messages. */
  static void senders(CamelContext context, String name, int concurrency) {
    context
        .getExecutorServiceManager()
        .registerThreadPoolProfile(
            new ThreadPoolProfileBuilder(name)
                .poolSize(concurrency)
                .maxPoolSize(concurrency)
                .build());
  }

  /** How failed sends are tried again, on every channel ({@link ProviderLimits#retry}). */
  static RetryPolicy retryPolicy(Settings s) {
    return ProviderLimits.retry(s);
  }

  @BindToRegistry("outboxResolutions")
  public OutboxResolutions resolutions(Database db, EventRepository events) {
    return new OutboxResolutions(db, events);
  }
}
