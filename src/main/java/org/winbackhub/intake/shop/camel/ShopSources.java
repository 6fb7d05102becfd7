package org.winbackhub.intake.shop.camel;

import java.util.Map;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;
import org.winbackhub.intake.camel.SourceRunner;
import org.winbackhub.intake.camel.SourceRuns;
import org.winbackhub.intake.shop.ShopHttp;
import org.winbackhub.intake.shop.ShopSync;

/** What the winback-shop-api-source Kamelet calls: syncs one Shopify shop over HTTP. */
public final class ShopSources implements SourceRunner {
  private final ShopSync sync;
  private final SourceRuns runs;
  private final ShopHttp http;

  public ShopSources(ShopHttp http, ShopSync sync, SourceRuns runs) {
    this.sync = sync;
    this.runs = runs;
    this.http = http;
  }

  /** What the Kamelet calls on its schedule: progress goes to the log and to metrics. */
  public SyncReport sync(String sourceId, String baseUrl, String accessToken) {
    return sync(sourceId, baseUrl, accessToken, runs.scheduled(), SyncRun.Scope.CATCH_UP);
  }

  @Override
  public SyncReport runOnce(
      Map<String, Object> p, SyncProgress progress, SyncRun.Scope scope, boolean countFirst) {
    return sync(
        String.valueOf(p.get("sourceId")),
        String.valueOf(p.get("baseUrl")),
        String.valueOf(p.get("accessToken")),
        progress,
        scope);
  }

  private SyncReport sync(
      String sourceId,
      String baseUrl,
      String accessToken,
      SyncProgress progress,
      SyncRun.Scope scope) {
    var api = http.withToken(accessToken);
    return runs.run(
        sourceId, scope, false, run -> sync.sync(sourceId, baseUrl, api, progress, run));
  }
}
