package org.winbackhub.intake.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.DeletedRows;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.InvalidFieldException;
import org.winbackhub.intake.Mapped;
import org.winbackhub.intake.StoreRefusals;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * A Shopify order webhook (orders/create, orders/paid, orders/updated, orders/cancelled,
 * orders/delete): the signature is checked on the raw bytes before anything is read, then the order
 * is taken in at once as the poll would take it (the same purchase id, so the next poll does not
 * count it twice); a cancelled or deleted order's purchase stops counting. Without a configured
 * secret every call is refused: unsigned orders are never accepted. The sender's data never makes a
 * 5xx: Shopify resends anything but a 2xx for 48 hours.
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
  public ShopWebhook(
      String sourceId, ShopSignature signature, FieldRules rules, ContactIntake intake) {
    this.sourceId = sourceId;
    this.signature = signature;
    this.mapper = new ShopMapper(sourceId, rules);
    this.intake = intake;
  }

  public Answer receive(byte[] body, String hmac, String topic) {
    return receive(body, hmac, topic, null);
  }

  /**
   * Answers one call. A body that is not an order (not JSON, not an object with an id) gets 400; an
   * order that breaks a rule, or that the store refuses for one of its values, is kept as a
   * rejected record and acknowledged with 200, since a resend cannot fix it; only a store that
   * cannot be written at all gets 503, so the shop sends the order again later. {@code webhookId}
   * (X-Shopify-Webhook-Id) names a reject that has no order id.
   */
  public Answer receive(byte[] body, String hmac, String topic, String webhookId) {
    if (signature == null) {
      return new Answer(503, "shop webhooks are off: no webhook secret is configured");
    }
    if (!signature.verify(body, hmac)) {
      return new Answer(401, "signature mismatch");
    }
    String cleanTopic = topic == null ? null : topic.replaceAll("[^a-z_/]", "");
    if (cleanTopic == null || !cleanTopic.startsWith("orders/")) {
      return new Answer(200, "ignored: topic " + (cleanTopic == null ? "missing" : cleanTopic));
    }
    String location = sourceId + " webhook " + cleanTopic;
    String callKey =
        webhookId == null ? null : "webhook " + webhookId.replaceAll("[^A-Za-z0-9-]", "");
    if (cleanTopic.equals("orders/delete")) {
      return deleted(body, location, callKey);
    }
    JsonNode order;
    try {
      order = JSON.readTree(body);
    } catch (IOException e) {
      return malformed(location, callKey, "body: not JSON");
    }
    if (order == null || !order.isObject() || ShopMapper.key(order) == null) {
      return malformed(location, callKey, "body: not an order (a JSON object with an id)");
    }
    Rejection origin = new Rejection(sourceId, location, null, ShopMapper.key(order), null, null);
    DeletedRows cancelled =
        new DeletedRows(); // a cancellation counts whatever else of the order is refused
    ShopMapper.noteCancelled(order, cancelled);
    Mapped mapped;
    try {
      mapped = mapper.order(order);
    } catch (InvalidFieldException e) {
      return rejected(StoreRefusals.withReason(origin, e.getMessage()), cancelled);
    } catch (RuntimeException e) {
      return rejected(
          StoreRefusals.withReason(
              origin, "order: cannot be read (" + e.getClass().getSimpleName() + ")"),
          cancelled);
    }
    // a refused field is kept as a reject and acknowledged: signed by the shop, retrying cannot fix
    // it
    List<Rejection> rejections = mapped.rejections(sourceId, location, null);
    List<SourceRecord> records = mapped.record() == null ? List.of() : List.of(mapped.record());
    List<Rejection> refused = new ArrayList<>();
    try {
      ContactIntake.Result r =
          StoreRefusals.write(
              records,
              records.isEmpty() ? List.of() : List.of(origin),
              rejections,
              refused::add,
              (recs, rejs, last) ->
                  intake.ingest(sourceId, recs, rejs, last ? cancelled : new DeletedRows()));
      if (!refused.isEmpty()) {
        return new Answer(200, "rejected: " + refused.get(0).reason());
      }
      if (mapped.lost()) {
        return new Answer(
            200,
            "rejected: "
                + rejections.stream()
                    .filter(x -> !x.recordKept())
                    .findFirst()
                    .orElseThrow()
                    .reason());
      }
      return new Answer(
          200,
          r.newEvents() > 0 ? "purchase recorded" : r.deleted() > 0 ? "purchase cancelled" : "ok");
    } catch (RuntimeException e) {
      return unavailable(e);
    }
  }

  /** Signed by the shop, so a resend cannot fix it: kept as a reject and acknowledged. */
  private Answer rejected(Rejection reject, DeletedRows cancelled) {
    try {
      intake.ingest(sourceId, List.of(), List.of(reject), cancelled);
      return new Answer(200, "rejected: " + reject.reason());
    } catch (RuntimeException e) {
      return unavailable(e);
    }
  }

  /** Not an order at all: kept as a reject (once per webhook id) and answered 400. */
  private Answer malformed(String location, String key, String reason) {
    try {
      intake.ingest(
          sourceId, List.of(), List.of(new Rejection(sourceId, location, null, key, reason, null)));
      return new Answer(400, "rejected: " + reason);
    } catch (RuntimeException e) {
      return unavailable(e);
    }
  }

  /** The store cannot be written: the shop is asked to send the order again later. */
  private static Answer unavailable(RuntimeException e) {
    return new Answer(
        503,
        "the order cannot be stored now ("
            + e.getClass().getSimpleName()
            + "); send it again later");
  }

  /** orders/delete: Shopify sends only the order's id; its purchase stops counting. */
  private Answer deleted(byte[] body, String location, String callKey) {
    String id;
    try {
      JsonNode order = JSON.readTree(body);
      id = order == null ? null : ShopMapper.key(order);
    } catch (IOException e) {
      id = null;
    }
    if (id == null || !id.matches("\\d{1,20}")) {
      return malformed(location, callKey, "id: expected the deleted order's numeric id");
    }
    DeletedRows deleted = new DeletedRows();
    deleted.eventDeleted(ShopOrderEvents.purchaseId(id), "order deleted in the shop");
    try {
      ContactIntake.Result r = intake.ingest(sourceId, List.of(), List.of(), deleted);
      return new Answer(200, r.deleted() > 0 ? "purchase deleted" : "ok");
    } catch (RuntimeException e) {
      return unavailable(e);
    }
  }
}
