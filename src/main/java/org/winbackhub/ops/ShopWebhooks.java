package org.winbackhub.ops;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.winbackhub.intake.ShopWebhook;

/** What the shop webhook route calls: hands the raw body and Shopify's headers to the intake. */
public final class ShopWebhooks {
  private final ShopWebhook webhook;

  ShopWebhooks(ShopWebhook webhook) {
    this.webhook = webhook;
  }

  public ShopWebhook.Answer receive(Exchange exchange) {
    Message in = exchange.getIn();
    byte[] body = in.getBody(byte[].class);
    return webhook.receive(
        body == null ? new byte[0] : body,
        in.getHeader("X-Shopify-Hmac-Sha256", String.class),
        in.getHeader("X-Shopify-Topic", String.class),
        in.getHeader("X-Shopify-Webhook-Id", String.class));
  }
}
