package org.winbackhub.app;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.Registry;
import org.winbackhub.channel.EmailOutbox;
import org.winbackhub.channel.RetryPolicy;
import org.winbackhub.channel.SenderInstance;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.smtp.SmtpServerFeatures;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.OutboxResolutions;
import org.winbackhub.store.SenderRepository;

/**
 * Wires sending from the outbox (docs/RELIABILITY.md): this process as a sender with its
 * heartbeat, the email channel's claims and the thread pool its sends run on (as many threads as
 * a claim takes messages), the order of the shutdown, and the operators' view of UNCERTAIN rows.
 */
final class OutboxWiring {
  private OutboxWiring() {}

  static void bind(CamelContext context, Settings s, Database db, HikariDataSource store, OutboxRepository outbox,
      ContactRepository contacts, EventRepository events, EmailComposer composer, Clock clock) {
    int concurrency = s.integer("hub.outbox.concurrency");
    if (concurrency < 1) {
      throw new IllegalArgumentException("hub.outbox.concurrency: at least 1, got " + concurrency);
    }
    // each send records SENDING and SENT on a connection of its own; starved of them, an accepted
    // message could not be recorded in time and would be left UNCERTAIN
    int pool = s.integer("hub.store.pool-size");
    if (concurrency > pool - 2) {
      throw new IllegalArgumentException("hub.outbox.concurrency: at most hub.store.pool-size - 2 (" + (pool - 2)
          + "), so that every send can record its outcome while the claim and the heartbeat hold theirs; got " + concurrency);
    }
    int heartbeat = s.integer("hub.outbox.heartbeat-ms");
    int lease = s.integer("hub.outbox.lease-ms");
    if (heartbeat < 1 || lease < 3 * heartbeat) {
      throw new IllegalArgumentException("hub.outbox.lease-ms: at least three heartbeats (hub.outbox.heartbeat-ms = "
          + heartbeat + "), got " + lease);
    }
    SenderInstance sender =
        new SenderInstance(new SenderRepository(db), senderId(), Duration.ofMillis(lease), clock, System::nanoTime);
    Registry r = context.getRegistry();
    r.bind("outboxHeartbeat", new OutboxHeartbeat(sender, db));
    r.bind("emailOutbox", new EmailOutbox(outbox, contacts, composer,
        new RetryPolicy(s.integer("hub.outbox.max-attempts"), Duration.ofSeconds(30), Duration.ofHours(1)),
        sender, concurrency,
        new SmtpServerFeatures(s.get("hub.smtp.host"), s.integer("hub.smtp.port"),
            s.duration("hub.smtp.recheck-after", "PT10M"), clock), clock));
    // the session of messages to a UTF-8 name part: UTF-8 in the envelope and headers (RFC 6531)
    Properties utf8 = new Properties();
    utf8.setProperty("mail.mime.allowutf8", "true");
    r.bind("smtpUtf8", utf8);
    context.getExecutorServiceManager().registerThreadPoolProfile(
        new ThreadPoolProfileBuilder("emailSenders").poolSize(concurrency).maxPoolSize(concurrency).build());
    r.bind("outboxResolutions", new OutboxResolutions(db, events));
    context.getManagementStrategy().addEventNotifier(new HubShutdown(sender, store));
  }

  /** pid@host and a random tag: a restarted process (the same pid in a container) is a new sender. */
  static String senderId() {
    String tag = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    String name = ManagementFactory.getRuntimeMXBean().getName();
    name = name.length() > 50 ? name.substring(0, 50) : name;
    return name + "/" + tag.substring(0, Math.min(8, tag.length())); // outbox_sender.id holds 64
  }
}
