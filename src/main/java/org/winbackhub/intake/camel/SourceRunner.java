package org.winbackhub.intake.camel;

import java.util.Map;
import java.util.Set;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncRun;

/**
 * One kind of polled source, bound in the registry under the name of the Kamelet that reads it
 * (winback-crm-jdbc-source, ...), so {@code sync --source NAME} can run any source's route once.
 */
public interface SourceRunner {
  /**
   * The Kamelets whose routes sync can run: each bound in the registry to its runner by HubBeans.
   */
  Set<String> KAMELETS =
      Set.of("winback-crm-jdbc-source", "winback-salesforce-source", "winback-shop-api-source");

  /**
   * Runs the source once with the Kamelet parameters of its route, placeholders resolved: a
   * catch-up, a full re-read or a retry of the rejected rows ({@code scope}).
   */
  SyncReport runOnce(
      Map<String, Object> parameters,
      SyncProgress progress,
      SyncRun.Scope scope,
      boolean countFirst);
}
