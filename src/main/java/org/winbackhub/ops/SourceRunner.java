package org.winbackhub.ops;

import java.util.Map;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.SyncProgress;

/**
 * One kind of polled source, bound in the registry under the name of the Kamelet that reads it
 * (crm-jdbc-source, ...), so {@code sync --source NAME} can run any source's route once.
 */
interface SourceRunner {
  /** Runs the source once with the Kamelet parameters of its route, placeholders resolved. */
  SyncReport runOnce(Map<String, Object> parameters, SyncProgress progress, boolean countFirst);
}
