package org.winbackhub.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.winbackhub.channel.OutboxLedger;
import org.winbackhub.channel.ProviderGate;
import org.winbackhub.channel.SenderInstance;
import org.winbackhub.channel.SmsOutbox;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.channel.sms.ShortLinks;
import org.winbackhub.channel.sms.SmsComposer;
import org.winbackhub.channel.sms.httpjson.camel.JsonGatewaySmsSink;
import org.winbackhub.channel.sms.kannel.camel.KannelSmsSink;
import org.winbackhub.channel.sms.smpp.camel.SmppSmsSink;
import org.winbackhub.channel.sms.smpp.camel.SmscSession;
import org.winbackhub.channel.sms.twilio.camel.TwilioSmsSink;
import org.winbackhub.model.Channel;
import org.winbackhub.store.ClaimScope;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.store.ShortLinkRepository;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * The SMS channel (docs/CONFIGURATION.md, "SMS"): its outbox claims, the providers they are routed
 * to (each with its rate limit {@code hub.sms.PROVIDER.rate-limit} and circuit breaker {@code
 * hub.sms.PROVIDER.breaker.*}, in /observe/health as {@code hub:sms-provider}), the thread pool the
 * sends run on, the HTTP client every HTTP sink calls its provider with, and the beans the sink
 * Kamelets ({@code routes/kamelets/winback-*-sms-sink.kamelet.yaml}) call around that call. Bound
 * whether or not {@code hub.sms.provider} is set (the channel route is only loaded when it is).
 */
public final class SmsBeans implements CamelConfiguration {

  @BindToRegistry("smsOutbox")
  public SmsOutbox smsOutbox(
      CamelContext context,
      Settings s,
      OutboxRepository outbox,
      ContactRepository contacts,
      ShortLinkRepository shortLinks,
      TrackingToken tokens,
      LinkTargets links,
      SenderInstance sender,
      PersonalFields fields,
      Clock clock) {
    SmsSettings sms = SmsSettings.of(s);
    int concurrency = PoolShares.smsConcurrency(s, sms);
    ChannelBeans.senders(context, "smsSenders", concurrency);
    SmsComposer composer =
        new SmsComposer(
            new TemplateStore(s.path("hub.config-dir").resolve("templates")),
            new ShortLinks(shortLinks, links, clock),
            tokens,
            sms.from(),
            sms.maxSegments(),
            fields);
    Map<String, SmsOutbox.Lane> lanes = new TreeMap<>();
    List<ProviderGate> gates = new ArrayList<>();
    for (String provider : sms.routes().providers()) {
      ProviderGate gate =
          ProviderLimits.gate(s, "hub.sms." + provider, provider, true, SmsOutbox::trouble, clock);
      gates.add(gate);
      lanes.put(provider, new SmsOutbox.Lane(gate, ProviderLimits.rate(s, "hub.sms." + provider)));
    }
    if (sms.enabled()) {
      context
          .getRegistry()
          .bind("smsProviderHealth", new ProviderHealthCheck("sms-provider", gates));
    }
    return new SmsOutbox(
        new OutboxLedger(
            outbox,
            Channel.SMS,
            ClaimScope.all(),
            ChannelBeans.retryPolicy(s),
            sender,
            concurrency,
            clock),
        contacts,
        composer,
        sms.routes(),
        lanes);
  }

  /**
   * The HTTP client of the SMS sinks (their endpoints are {@code smsHttp:https://...}): never sends
   * a request again by itself (a GET to Kannel that broke after it was sent would be an SMS sent
   * twice), follows no redirect, keeps no cookie, and waits {@code hub.sms.connect-timeout} for a
   * connection and {@code hub.sms.read-timeout} for the answer.
   */
  @BindToRegistry("smsHttp")
  public HttpComponent smsHttp(Settings s) {
    SmsSettings sms = SmsSettings.of(s);
    HttpComponent http = new HttpComponent();
    http.setAutomaticRetriesDisabled(true);
    http.setRedirectHandlingDisabled(true);
    http.setCookieManagementDisabled(true);
    http.setConnectTimeout(sms.connectTimeout().toMillis());
    http.setConnectionRequestTimeout(sms.connectTimeout().toMillis());
    http.setResponseTimeout(sms.readTimeout().toMillis());
    http.setSoTimeout(sms.readTimeout().toMillis());
    http.setMaxTotalConnections(Math.max(20, 2 * sms.concurrency()));
    http.setConnectionsPerRoute(Math.max(20, 2 * sms.concurrency()));
    return http;
  }

  @BindToRegistry("winback-twilio-sms-sink")
  public TwilioSmsSink twilio() {
    return new TwilioSmsSink();
  }

  @BindToRegistry("winback-kannel-sms-sink")
  public KannelSmsSink kannel() {
    return new KannelSmsSink();
  }

  /**
   * The SMPP sink's bean and, when SMS go through smpp (hub.sms.provider or a route), the session
   * to the SMSC it submits on: a service of the context, bound when the hub starts and unbound
   * after the routes stopped.
   */
  @BindToRegistry("winback-smpp-sms-sink")
  public SmppSmsSink smpp(CamelContext context, Settings s) throws Exception {
    SmsSettings sms = SmsSettings.of(s);
    if (!sms.routes().providers().contains("smpp")) {
      return new SmppSmsSink(null);
    }
    SmscSession session = new SmscSession(SmppSettings.of(s, sms));
    context.addService(session, true, false);
    return new SmppSmsSink(session);
  }

  @BindToRegistry("winback-http-json-sms-sink")
  public JsonGatewaySmsSink jsonGateway() {
    return new JsonGatewaySmsSink();
  }
}
