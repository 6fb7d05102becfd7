package org.winbackhub.intake.shop;

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
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.winbackhub.intake.BatchCommit;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.DeletedRows;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.InvalidFieldException;
import org.winbackhub.intake.Mapped;
import org.winbackhub.intake.MappedSourceSync;
import org.winbackhub.intake.RejectionTally;
import org.winbackhub.intake.StoreRefusals;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;
import org.winbackhub.intake.Watermark;
import org.winbackhub.model.Rejection;
import org.winbackhub.model.SourceRecord;

/**
 * Syncs a Shopify shop (Admin REST API 2024-10) into the store: customers, then orders, each
 * listing read by {@code updated_at} ascending from its watermark minus the overlap and walked page
 * by page. Each page is committed with the watermark it reaches in one transaction, so a restart
 * resumes after the last committed page; records sharing the last updated_at, or changed while the
 * sync ran, are read again and deduplicated rather than missed. The watermark never moves past the
 * moment the sync started, because a record changed during the walk may have moved behind the
 * cursor, and never moves back: a full re-read or a retry ({@link SyncRun}) walks each listing from
 * its first page and leaves the watermark where a catch-up would. Rejections are settled as in
 * {@link MappedSourceSync}. An order cancelled since its purchase was taken in stops counting.
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

  public ShopSync(
      BatchCommit batches,
      FieldRules rules,
      Duration overlap,
      Clock clock,
      Function<ShopApi, ShopPages> pages) {
    this.batches = batches;
    this.rules = rules;
    this.overlap = overlap;
    this.clock = clock;
    this.pages = pages;
  }

  public SyncReport sync(String sourceId, String baseUrl, ShopApi api, SyncProgress progress) {
    return sync(sourceId, baseUrl, api, progress, SyncRun.untracked(false));
  }

  /**
   * As above, as {@code run}: a catch-up, a full re-read, or a re-read of the listings with open
   * rejections.
   */
  public SyncReport sync(
      String sourceId, String baseUrl, ShopApi api, SyncProgress progress, SyncRun run) {
    long started = System.nanoTime();
    Instant startedAt = clock.instant();
    ShopMapper mapper = new ShopMapper(sourceId, rules);
    String base = baseUrl.replaceAll("/+$", "") + "/admin/api/" + API_VERSION + "/";
    long[] read = {0};
    Walk walk =
        new Walk(run, batches.openRejections(sourceId).keySet(), new RejectionTally(), startedAt);
    ContactIntake.Result changes = ContactIntake.Result.NONE;
    changes =
        changes.plus(
            stream(
                sourceId,
                "customers",
                base + "customers.json?limit=" + PAGE_SIZE,
                mapper::customer,
                (r, d) -> {},
                api,
                progress,
                walk,
                read));
    changes =
        changes.plus(
            stream(
                sourceId,
                "orders",
                base + "orders.json?status=any&limit=" + PAGE_SIZE,
                mapper::order,
                ShopMapper::noteCancelled,
                api,
                progress,
                walk,
                read));
    return new SyncReport(
        sourceId,
        read[0],
        changes,
        Duration.ofNanos(System.nanoTime() - started),
        walk.tally().summary());
  }

  /** What every listing of one run shares. */
  private record Walk(
      SyncRun run, Set<String> openLocations, RejectionTally tally, Instant startedAt) {}

  private ContactIntake.Result stream(
      String sourceId,
      String stream,
      String listing,
      Function<JsonNode, Mapped> mapper,
      BiConsumer<JsonNode, DeletedRows> deletions,
      ShopApi api,
      SyncProgress progress,
      Walk walk,
      long[] total) {
    boolean open = walk.openLocations().contains(BatchCommit.location(sourceId, stream));
    if (!walk.run().reads(open)) {
      return ContactIntake.Result.NONE;
    }
    Instant startedAt = walk.startedAt();
    String mark = sourceId + ":" + stream;
    String url = listing;
    var stored = batches.watermark(sourceId, stream).map(Watermark::parse);
    // rows changed after this are new to the run, and the watermark only moves past it
    Instant judgedAfter =
        stored.isPresent() && !walk.run().fromStart() ? stored.get().instant() : null;
    Instant floor = stored.map(Watermark::instant).orElse(null);
    if (judgedAfter != null) {
      Instant from = judgedAfter.minus(overlap).truncatedTo(ChronoUnit.SECONDS);
      url += "&updated_at_min=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8);
    }
    url += "&order=updated_at+asc";
    ContactIntake.Result[] sum = {ContactIntake.Result.NONE};
    long[] read = {0};
    pages
        .apply(api)
        .walk(
            url,
            body -> {
              List<SourceRecord> records = new ArrayList<>();
              List<Rejection> origins = new ArrayList<>();
              List<Rejection> rejections = new ArrayList<>();
              List<String> keys = new ArrayList<>();
              DeletedRows deleted = new DeletedRows();
              Instant reached = null;
              for (JsonNode record : list(body, stream)) {
                read[0]++;
                String key = ShopMapper.key(record);
                Rejection origin =
                    new Rejection(sourceId, sourceId + " " + stream, null, key, null, null);
                Instant changed = null;
                List<String> reasons = List.of();
                try {
                  // a record refused below still moves the watermark: it is kept as a reject, not
                  // read forever
                  changed = ShopMapper.updatedAt(record);
                  if (reached == null || changed.isAfter(reached)) {
                    reached = changed;
                  }
                  deletions.accept(record, deleted);
                  Mapped mapped = mapper.apply(record);
                  if (mapped.record() != null) {
                    records.add(mapped.record());
                    origins.add(origin);
                  }
                  List<Rejection> refused =
                      mapped.rejections(sourceId, sourceId + " " + stream, null);
                  rejections.addAll(refused);
                  reasons = refused.stream().map(Rejection::reason).toList();
                } catch (InvalidFieldException e) {
                  rejections.add(StoreRefusals.withReason(origin, e.getMessage()));
                  reasons = List.of(e.getMessage());
                } catch (RuntimeException e) {
                  // whatever else the mapper throws costs the record, not the source; its message
                  // may hold a value
                  String reason =
                      stream + ": cannot be read (" + e.getClass().getSimpleName() + ")";
                  rejections.add(StoreRefusals.withReason(origin, reason));
                  reasons = List.of(reason);
                }
                walk.tally()
                    .row(
                        judgedAfter == null || changed != null && changed.isAfter(judgedAfter),
                        reasons);
                if (open && key != null) {
                  keys.add(key);
                }
              }
              if (reached != null && reached.isAfter(startedAt)) {
                reached = startedAt;
              }
              boolean forward = reached != null && (floor == null || reached.isAfter(floor));
              String watermark = forward ? new Watermark(null, reached).stored() : null;
              // the last write of the page carries its rejections, its deleted rows, its watermark
              // and the
              // keys it settles (a page the store refused is written record by record)
              sum[0] =
                  sum[0].plus(
                      StoreRefusals.write(
                          records,
                          origins,
                          rejections,
                          walk.tally()::refusedByStore,
                          (recs, rejs, last) ->
                              batches.commit(
                                  walk.run(),
                                  sourceId,
                                  stream,
                                  recs,
                                  rejs,
                                  last ? deleted : new DeletedRows(),
                                  last ? watermark : null,
                                  last ? keys : List.of(),
                                  walk.tally())));
              progress.read(mark, read[0]);
            });
    if (open && judgedAfter == null) {
      batches.resolveUnseen(walk.run(), sourceId, stream, walk.tally());
    }
    total[0] += read[0];
    return sum[0];
  }

  /** The records of one page: {"customers": [...]} or {"orders": [...]}. */
  private static Iterable<JsonNode> list(String body, String stream) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new ShopApiException(
          "the shop's " + stream + " page is not JSON: " + e.getOriginalMessage());
    }
    JsonNode list = root == null ? null : root.get(stream);
    if (list == null || !list.isArray()) {
      throw new ShopApiException("the shop's " + stream + " page has no \"" + stream + "\" list");
    }
    return list;
  }
}
