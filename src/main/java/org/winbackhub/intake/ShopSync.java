package org.winbackhub.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * Syncs a Shopify shop (Admin REST API 2024-10) into the store: customers, then orders, each
 * listing read by {@code updated_at} ascending from its watermark minus the overlap and walked
 * page by page. Each page is committed with the watermark it reaches in one transaction, so a
 * restart resumes after the last committed page; records sharing the last updated_at, or changed
 * while the sync ran, are read again and deduplicated rather than missed. The watermark never
 * moves past the moment the sync started, because a record changed during the walk may have moved
 * behind the cursor. An order cancelled since its purchase was taken in stops counting.
 */
public final class ShopSync {
  public static final String API_VERSION = "2024-10";
  static final int PAGE_SIZE = 250;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BatchCommit batches;
  private final FieldRules rules;
  private final Duration overlap;
  private final Clock clock;
  private final Function<ShopApi, ShopPages> pages;

  public ShopSync(BatchCommit batches, FieldRules rules, Duration overlap, Clock clock, Function<ShopApi, ShopPages> pages) {
    this.batches = batches;
    this.rules = rules;
    this.overlap = overlap;
    this.clock = clock;
    this.pages = pages;
  }

  public SyncReport sync(String sourceId, String baseUrl, ShopApi api, SyncProgress progress) {
    long started = System.nanoTime();
    Instant startedAt = clock.instant();
    ShopMapper mapper = new ShopMapper(sourceId, rules);
    String base = baseUrl.replaceAll("/+$", "") + "/admin/api/" + API_VERSION + "/";
    long[] read = {0};
    ContactIntake.Result changes = ContactIntake.Result.NONE;
    changes = changes.plus(stream(sourceId, "customers", base + "customers.json?limit=" + PAGE_SIZE, mapper::customer, (r, d) -> {},
        api, progress, startedAt, read));
    changes = changes.plus(stream(sourceId, "orders", base + "orders.json?status=any&limit=" + PAGE_SIZE, mapper::order, ShopMapper::noteCancelled,
        api, progress, startedAt, read));
    return new SyncReport(sourceId, read[0], changes, Duration.ofNanos(System.nanoTime() - started));
  }

  private ContactIntake.Result stream(
      String sourceId,
      String stream,
      String listing,
      Function<JsonNode, Mapped> mapper,
      java.util.function.BiConsumer<JsonNode, DeletedRows> deletions,
      ShopApi api,
      SyncProgress progress,
      Instant startedAt,
      long[] total) {
    String mark = sourceId + ":" + stream;
    String url = listing;
    var stored = batches.watermark(sourceId, stream).map(Watermark::parse);
    if (stored.isPresent()) {
      Instant from = stored.get().instant().minus(overlap).truncatedTo(ChronoUnit.SECONDS);
      url += "&updated_at_min=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8);
    }
    url += "&order=updated_at+asc";
    ContactIntake.Result[] sum = {ContactIntake.Result.NONE};
    long[] read = {0};
    pages.apply(api).walk(url, body -> {
      List<SourceRecord> records = new ArrayList<>();
      List<Rejection> origins = new ArrayList<>();
      List<Rejection> rejections = new ArrayList<>();
      DeletedRows deleted = new DeletedRows();
      Instant reached = null;
      for (JsonNode record : list(body, stream)) {
        read[0]++;
        Rejection origin = new Rejection(sourceId, sourceId + " " + stream, null, ShopMapper.key(record), null, null);
        try {
          // a record refused below still moves the watermark: it is kept as a reject, not read forever
          Instant changed = ShopMapper.updatedAt(record);
          if (reached == null || changed.isAfter(reached)) {
            reached = changed;
          }
          deletions.accept(record, deleted);
          Mapped mapped = mapper.apply(record);
          if (mapped.record() != null) {
            records.add(mapped.record());
            origins.add(origin);
          }
          rejections.addAll(mapped.rejections(sourceId, sourceId + " " + stream, null));
        } catch (InvalidFieldException e) {
          rejections.add(StoreRefusals.withReason(origin, e.getMessage()));
        } catch (RuntimeException e) {
          // whatever else the mapper throws costs the record, not the source; its message may hold a value
          String reason = stream + ": cannot be read (" + e.getClass().getSimpleName() + ")";
          rejections.add(StoreRefusals.withReason(origin, reason));
        }
      }
      if (reached != null && reached.isAfter(startedAt)) {
        reached = startedAt;
      }
      String watermark = reached == null ? null : new Watermark(null, reached).stored();
      // the deleted rows go with the write that ends the page (a page the store refused is written record by record)
      sum[0] = sum[0].plus(StoreRefusals.write(records, origins, rejections, refused -> { },
          (recs, rejs, last) -> batches.commit(sourceId, stream, recs, rejs, last ? deleted : new DeletedRows(),
              last ? watermark : null)));
      progress.read(mark, read[0]);
    });
    total[0] += read[0];
    return sum[0];
  }

  /** The records of one page: {"customers": [...]} or {"orders": [...]}. */
  private static Iterable<JsonNode> list(String body, String stream) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new ShopApiException("the shop's " + stream + " page is not JSON: " + e.getOriginalMessage());
    }
    JsonNode list = root == null ? null : root.get(stream);
    if (list == null || !list.isArray()) {
      throw new ShopApiException("the shop's " + stream + " page has no \"" + stream + "\" list");
    }
    return list;
  }
}
