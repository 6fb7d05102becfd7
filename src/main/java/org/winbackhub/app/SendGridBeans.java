package org.winbackhub.app;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.winbackhub.channel.ProviderGate;
import org.winbackhub.channel.SenderInstance;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.sendgrid.SendGridOutbox;
import org.winbackhub.channel.email.sendgrid.SendGridUnavailable;
import org.winbackhub.channel.email.sendgrid.camel.SendGridCalls;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.OutboxRepository;

/**
 * Email through SendGrid's v3 Mail Send API, when {@code hub.email.provider = sendgrid} or {@code
 * hub.email.routes} sends some journeys through it: its outbox, its calls (the API key only from
 * {@code HUB_SENDGRID_API_KEY}), its breaker, rate limit and threads. Bound also when SMTP is the
 * provider, so the route file loads and validate checks it; its gate then never lets a claim
 * through (its route ticks and takes nothing), and no key is needed.
 */
public final class SendGridBeans implements CamelConfiguration {

  @BindToRegistry("sendGridOutbox")
  public SendGridOutbox outbox(
      CamelContext context,
      Settings s,
      OutboxRepository outbox,
      ContactRepository contacts,
      EmailComposer composer,
      SenderInstance sender,
      Clock clock) {
    // the gate and its breaker (which the route's circuitBreaker EIP names) are bound here: Camel
    // orders the methods of one class only one level deep
    ProviderGate gate =
        ProviderLimits.gate(
            s,
            "hub.sendgrid",
            "sendgrid",
            inUse(s),
            t -> ProviderGate.causedBy(t, SendGridBeans::trouble),
            clock);
    context.getRegistry().bind("sendGridGate", ProviderGate.class, gate);
    context.getRegistry().bind("sendGridBreaker", CircuitBreaker.class, gate.breaker());
    int concurrency = s.integer("hub.sendgrid.concurrency", 2, 1);
    context
        .getExecutorServiceManager()
        .registerThreadPoolProfile(
            new ThreadPoolProfileBuilder("sendGridSenders")
                .poolSize(concurrency)
                .maxPoolSize(concurrency)
                .build());
    // a POST is never sent twice by the HTTP client itself: the ledger decides what is retried
    context.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
    int batch = s.integer("hub.sendgrid.batch-size", 1000, 1);
    if (batch > 1000) {
      throw new IllegalArgumentException(
          "property hub.sendgrid.batch-size: SendGrid takes at most 1000 personalizations per"
              + " request, got "
              + batch);
    }
    return new SendGridOutbox(
        outbox,
        contacts,
        composer,
        ProviderLimits.retry(s),
        sender,
        gate,
        EmailProvider.routes(s).scopeOf("sendgrid"),
        ProviderLimits.rate(s, "hub.sendgrid"),
        batch,
        s.duration("hub.sendgrid.hold-after-refusal", "PT15M"),
        clock);
  }

  @BindToRegistry("sendGridCalls")
  public SendGridCalls calls(Settings s, SendGridOutbox outbox) {
    // the key only when SendGrid is the provider: a hub on SMTP needs none
    return new SendGridCalls(outbox, inUse(s) ? s.get("hub.sendgrid.api-key") : null);
  }

  /** The email providers in use, in /observe/health. */
  @BindToRegistry("emailProviderHealth")
  public ProviderHealthCheck health(
      Settings s, @BeanInject("smtpGate") ProviderGate smtp, SendGridOutbox sendGrid) {
    return new ProviderHealthCheck(
        "email-provider", Stream.of(smtp, sendGrid.gate()).filter(ProviderGate::enabled).toList());
  }

  private static boolean inUse(Settings s) {
    return EmailProvider.SENDGRID.inUse(s);
  }

  /** What counts against SendGrid's breaker: a 5xx, no connection, no answer. */
  private static boolean trouble(Throwable t) {
    return t instanceof SendGridUnavailable || t instanceof java.io.IOException;
  }
}
