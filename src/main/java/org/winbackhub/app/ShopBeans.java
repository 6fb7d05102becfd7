package org.winbackhub.app;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.winbackhub.intake.BatchCommit;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.camel.SourceRuns;
import org.winbackhub.intake.shop.ShopHttp;
import org.winbackhub.intake.shop.ShopPages;
import org.winbackhub.intake.shop.ShopSignature;
import org.winbackhub.intake.shop.ShopSync;
import org.winbackhub.intake.shop.ShopWebhook;
import org.winbackhub.intake.shop.camel.ShopSources;
import org.winbackhub.intake.shop.camel.ShopWebhooks;

/**
 * The shop source (polled under its Kamelet's name) and its webhook, from the hub.shop.*
 * properties.
 */
public final class ShopBeans implements CamelConfiguration {

  @BindToRegistry("winback-shop-api-source")
  public ShopSources sources(
      CamelContext camel,
      Settings s,
      BatchCommit batches,
      FieldRules rules,
      SourceRuns runs,
      Clock clock) {
    int maxWaits = Integer.parseInt(s.optional("hub.shop.rate-limit.max-waits", "10").trim());
    Duration maxWait = Duration.parse(s.optional("hub.shop.rate-limit.max-wait", "PT60S"));
    Duration backoff =
        Duration.ofMillis(Long.parseLong(s.optional("hub.shop.retry-backoff-ms", "1000").trim()));
    Duration overlap = Duration.parse(s.optional("hub.sources.overlap", "PT1M"));
    ShopSync sync =
        new ShopSync(
            batches,
            rules,
            overlap,
            clock,
            api ->
                new ShopPages(api, d -> Thread.sleep(d.toMillis()), maxWaits, maxWait, 3, backoff));
    ShopHttp http =
        new ShopHttp(
            s.duration("hub.shop.connect-timeout", "PT10S"),
            s.duration("hub.shop.read-timeout", "PT60S"),
            s.bytes("hub.shop.max-response-size", "50MB"));
    try {
      camel.addService(
          new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
              http.close(); // the pooled connections to the shop, when the hub stops
            }
          });
    } catch (Exception e) {
      throw new IllegalStateException("cannot register the shop client with Camel", e);
    }
    return new ShopSources(http, sync, runs);
  }

  /**
   * Without hub.shop.webhook-secret the webhook refuses every call (503): never unsigned orders.
   */
  @BindToRegistry("shopWebhooks")
  public ShopWebhooks webhooks(Settings s, FieldRules rules, ContactIntake intake) {
    String secret = s.optional("hub.shop.webhook-secret", "");
    ShopSignature signature =
        secret.isBlank() || secret.startsWith("{{") ? null : new ShopSignature(secret);
    return new ShopWebhooks(
        new ShopWebhook(s.optional("hub.shop.source-id", "shop"), signature, rules, intake));
  }
}
