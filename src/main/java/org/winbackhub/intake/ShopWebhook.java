package org.winbackhub.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * A Shopify order webhook (orders/create, orders/paid, orders/updated, orders/cancelled): the
 * signature is checked on the raw bytes before anything is read, then the order is taken in at
 * once as the poll would take it (the same purchase id, so the next poll does not count it twice).
 * Without a configured secret every call is refused: unsigned orders are never accepted.
 */
public final class ShopWebhook {
  /** The HTTP answer: Shopify retries anything but a 2xx for 48 hours. */
  public record Answer(int status, String message) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String sourceId;
  private final ShopSignature signature;
  private final ShopMapper mapper;
  private final ContactIntake intake;

  /** {@code signature} null: no secret configured, every call is refused with 503. */
  public ShopWebhook(String sourceId, ShopSignature signature, PhoneNormalizer phones, ContactIntake intake) {
    this.sourceId = sourceId;
    this.signature = signature;
    this.mapper = new ShopMapper(sourceId, phones);
    this.intake = intake;
  }

  public Answer receive(byte[] body, String hmac, String topic) {
    if (signature == null) {
      return new Answer(503, "shop webhooks are off: no webhook secret is configured");
    }
    if (!signature.verify(body, hmac)) {
      return new Answer(401, "signature mismatch");
    }
    if (topic == null || !topic.startsWith("orders/")) {
      return new Answer(200, "ignored: topic " + (topic == null ? "missing" : topic.replaceAll("[^a-z_/]", "")));
    }
    String location = sourceId + " webhook " + topic;
    String raw = new String(body, java.nio.charset.StandardCharsets.UTF_8); // kept with a reject; tells one webhook from another
    JsonNode order;
    try {
      order = JSON.readTree(body);
    } catch (java.io.IOException e) {
      intake.ingest(sourceId, List.of(), List.of(new Rejection(sourceId, location, null, null, "body: not JSON", raw)));
      return new Answer(200, "rejected: body is not JSON");
    }
    if (order == null || !order.isObject()) {
      intake.ingest(sourceId, List.of(), List.of(new Rejection(sourceId, location, null, null, "body: not an order object", raw)));
      return new Answer(200, "rejected: body is not an order");
    }
    SourceRecord record;
    try {
      record = mapper.order(order);
    } catch (InvalidFieldException e) {
      // signed by the shop, so retrying cannot fix it: kept as a reject and acknowledged
      intake.ingest(sourceId, List.of(), List.of(new Rejection(sourceId, location, null, ShopMapper.key(order), e.getMessage(), raw)));
      return new Answer(200, "rejected: " + e.getMessage());
    }
    ContactIntake.Result r = intake.ingest(sourceId, List.of(record), List.of());
    return new Answer(200, r.newEvents() > 0 ? "purchase recorded" : "ok");
  }
}
