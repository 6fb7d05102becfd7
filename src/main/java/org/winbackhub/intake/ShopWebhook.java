package org.winbackhub.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.winbackhub.model.Rejection;

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
  public ShopWebhook(String sourceId, ShopSignature signature, FieldRules rules, ContactIntake intake) {
    this.sourceId = sourceId;
    this.signature = signature;
    this.mapper = new ShopMapper(sourceId, rules);
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
    JsonNode order;
    try {
      order = JSON.readTree(body);
    } catch (java.io.IOException e) {
      intake.ingest(sourceId, List.of(), List.of(new Rejection(sourceId, location, null, null, "body: not JSON", null)));
      return new Answer(200, "rejected: body is not JSON");
    }
    if (order == null || !order.isObject()) {
      intake.ingest(sourceId, List.of(), List.of(new Rejection(sourceId, location, null, null, "body: not an order object", null)));
      return new Answer(200, "rejected: body is not an order");
    }
    // a refused field is kept as a reject and acknowledged: signed by the shop, retrying cannot fix it
    Mapped mapped = mapper.order(order);
    List<Rejection> rejections = mapped.rejections(sourceId, location, null);
    ContactIntake.Result r =
        intake.ingest(sourceId, mapped.record() == null ? List.of() : List.of(mapped.record()), rejections);
    if (mapped.lost()) {
      return new Answer(200, "rejected: " + rejections.stream().filter(x -> !x.recordKept()).findFirst().orElseThrow().reason());
    }
    return new Answer(200, r.newEvents() > 0 ? "purchase recorded" : "ok");
  }
}
