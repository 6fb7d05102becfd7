package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.winbackhub.channel.EmailOutbox;
import org.winbackhub.channel.OutboxLedger;
import org.winbackhub.channel.RetryPolicy;
import org.winbackhub.channel.SenderInstance;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.channel.email.smtp.SmtpServerFeatures;
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

  @BindToRegistry("emailOutbox")
  public EmailOutbox emailOutbox(
      CamelContext context,
      Settings s,
      OutboxRepository outbox,
      ContactRepository contacts,
      TrackingToken tokens,
      LinkTargets links,
      PersonalFields fields,
      SenderInstance sender,
      Clock clock) {
    int concurrency = PoolShares.sendConcurrency(s);
    senders(context, "emailSenders", concurrency);
    EmailComposer composer =
        new EmailComposer(
            new TemplateStore(s.path("hub.config-dir").resolve("templates")),
            tokens,
            links,
            s.get("hub.email.from"),
            fields);
    return new EmailOutbox(
        new OutboxLedger(outbox, Channel.EMAIL, retryPolicy(s), sender, concurrency, clock),
        contacts,
        composer,
        new SmtpServerFeatures(
            s.get("hub.smtp.host"),
            s.integer("hub.smtp.port"),
            s.duration("hub.smtp.recheck-after", "PT10M"),
            clock));
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

  /** How failed sends are tried again, on every channel: 30 s doubling to an hour. */
  static RetryPolicy retryPolicy(Settings s) {
    return new RetryPolicy(
        s.integer("hub.outbox.max-attempts"), Duration.ofSeconds(30), Duration.ofHours(1));
  }

  /** The session of messages to a UTF-8 name part: UTF-8 in the envelope and headers (RFC 6531). */
  @BindToRegistry("smtpUtf8")
  public Properties smtpUtf8() {
    Properties utf8 = new Properties();
    utf8.setProperty("mail.mime.allowutf8", "true");
    return utf8;
  }

  @BindToRegistry("outboxResolutions")
  public OutboxResolutions resolutions(Database db, EventRepository events) {
    return new OutboxResolutions(db, events);
  }
}
