package org.winbackhub.intake.shop.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.winbackhub.http.camel.HttpRequests;
import org.winbackhub.intake.shop.ShopWebhook;

/**
 * What the shop webhook route calls: hands the raw body and Shopify's headers (as sent, never from
 * the query string) to the intake.
 */
public final class ShopWebhooks {
  private final ShopWebhook webhook;

  public ShopWebhooks(ShopWebhook webhook) {
    this.webhook = webhook;
  }

  public ShopWebhook.Answer receive(Exchange exchange) {
    Message in = exchange.getIn();
    byte[] body = in.getBody(byte[].class);
    return webhook.receive(
        body == null ? new byte[0] : body,
        HttpRequests.header(exchange, "X-Shopify-Hmac-Sha256"),
        HttpRequests.header(exchange, "X-Shopify-Topic"),
        HttpRequests.header(exchange, "X-Shopify-Webhook-Id"));
  }
}
