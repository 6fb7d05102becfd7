package org.winbackhub.intake.salesforce.camel;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.winbackhub.intake.MappedSourceSync;
import org.winbackhub.intake.SourceMapping;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;
import org.winbackhub.intake.camel.SourceRunner;
import org.winbackhub.intake.camel.SourceRuns;

/**
 * What the winback-salesforce-source Kamelet calls: syncs a Salesforce org by its mapping file
 * (SOQL per stream: Contacts, Leads, Cases as complaints, ...), through the camel-salesforce
 * component the configuration names.
 */
public final class SalesforceSources implements SourceRunner {
  private final CamelContext camel;
  private final MappedSourceSync sync;
  private final Path home;
  private final SourceRuns runs;
  private final long bulkPollMillis;
  private volatile ProducerTemplate template;

  public SalesforceSources(
      CamelContext camel, MappedSourceSync sync, Path home, SourceRuns runs, long bulkPollMillis) {
    this.camel = camel;
    this.sync = sync;
    this.home = home;
    this.runs = runs;
    this.bulkPollMillis = bulkPollMillis;
  }

  /** What the Kamelet calls on its schedule: progress goes to the log and to metrics. */
  public SyncReport sync(
      String sourceId, String component, String mapping, boolean bulkFirstLoad, int bulkPageSize) {
    return sync(
        sourceId,
        component,
        mapping,
        bulkFirstLoad,
        bulkPageSize,
        runs.scheduled(),
        SyncRun.Scope.CATCH_UP);
  }

  @Override
  public SyncReport runOnce(
      Map<String, Object> p, SyncProgress progress, SyncRun.Scope scope, boolean countFirst) {
    return sync(
        String.valueOf(p.get("sourceId")),
        String.valueOf(p.getOrDefault("component", "salesforce")),
        String.valueOf(p.get("mapping")),
        Boolean.parseBoolean(String.valueOf(p.getOrDefault("bulkFirstLoad", "true"))),
        Integer.parseInt(String.valueOf(p.getOrDefault("bulkPageSize", "50000"))),
        progress,
        scope);
  }

  private SyncReport sync(
      String sourceId,
      String component,
      String mapping,
      boolean bulkFirstLoad,
      int bulkPageSize,
      SyncProgress progress,
      SyncRun.Scope scope) {
    SourceMapping m = SourceMapping.load(home.resolve(mapping).normalize());
    SalesforceRowSource rows =
        new SalesforceRowSource(
            template(), sourceId, component, bulkFirstLoad, bulkPollMillis, bulkPageSize);
    return runs.run(sourceId, scope, false, run -> sync.sync(sourceId, rows, m, progress, run));
  }

  private ProducerTemplate template() {
    if (template == null) {
      synchronized (this) {
        if (template == null) {
          template = camel.createProducerTemplate();
        }
      }
    }
    return template;
  }
}
