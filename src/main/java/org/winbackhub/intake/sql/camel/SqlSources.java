package org.winbackhub.intake.sql.camel;

import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.winbackhub.intake.MappedSourceSync;
import org.winbackhub.intake.SourceMapping;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;
import org.winbackhub.intake.camel.SourceRunner;
import org.winbackhub.intake.camel.SourceRuns;
import org.winbackhub.intake.sql.JdbcRowSource;

/**
 * What the winback-crm-jdbc-source Kamelet calls: finds the source's DataSource bean and mapping
 * file by name, and syncs it.
 */
public final class SqlSources implements SourceRunner {
  private final CamelContext camel;
  private final MappedSourceSync sync;
  private final Path home;
  private final SourceRuns runs;

  public SqlSources(CamelContext camel, MappedSourceSync sync, Path home, SourceRuns runs) {
    this.camel = camel;
    this.sync = sync;
    this.home = home;
    this.runs = runs;
  }

  /** What the Kamelet calls on its schedule: progress goes to the log and to metrics. */
  public SyncReport sync(String sourceId, String dataSource, String mapping) {
    return sync(sourceId, dataSource, mapping, runs.scheduled(), SyncRun.Scope.CATCH_UP, false);
  }

  @Override
  public SyncReport runOnce(
      Map<String, Object> p, SyncProgress progress, SyncRun.Scope scope, boolean countFirst) {
    return sync(
        String.valueOf(p.get("sourceId")),
        String.valueOf(p.get("dataSource")),
        String.valueOf(p.get("mapping")),
        progress,
        scope,
        countFirst);
  }

  SyncReport sync(
      String sourceId,
      String dataSource,
      String mapping,
      SyncProgress progress,
      SyncRun.Scope scope,
      boolean countFirst) {
    String name =
        dataSource.startsWith("#bean:")
            ? dataSource.substring(6)
            : dataSource.replaceFirst("^#", "");
    DataSource ds = camel.getRegistry().lookupByNameAndType(name, DataSource.class);
    if (ds == null) {
      throw new IllegalArgumentException(
          "source " + sourceId + ": no DataSource bean named '" + name + "'");
    }
    SourceMapping m = SourceMapping.load(home.resolve(mapping).normalize());
    return runs.run(
        sourceId,
        scope,
        countFirst,
        run -> sync.sync(sourceId, new JdbcRowSource(sourceId, ds), m, progress, run));
  }
}
