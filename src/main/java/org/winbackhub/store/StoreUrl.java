package org.winbackhub.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The store's JDBC URL as the hub opens it. An embedded H2 file store:
 *
 * <ul>
 *   <li>writes each commit to its file before the commit returns (WRITE_DELAY=0: by default H2
 *       writes up to half a second later, and a killed process loses those commits);
 *   <li>stays open until the hub has recorded its last send and closes it (DB_CLOSE_ON_EXIT=FALSE:
 *       H2's own shutdown hook would close it under the sends still running at SIGTERM);
 *   <li>moves no chunk inside its file when it closes (MAX_COMPACT_TIME=0: H2 2.3.232's move can
 *       break the file, see docs/RELIABILITY.md); the service compacts it by rewriting it whole
 *       into a new file at its stop instead ({@link H2Compaction});
 * </ul>
 *
 * These are enforced whatever the configured URL says; other URLs are used as they are.
 */
public final class StoreUrl {
  private static final List<String> ENFORCED =
      List.of("WRITE_DELAY", "DB_CLOSE_ON_EXIT", "MAX_COMPACT_TIME");

  private StoreUrl() {}

  public static String durable(String url) {
    if (!isEmbeddedH2File(url)) {
      return url;
    }
    String[] parts = url.split(";");
    List<String> kept = new ArrayList<>();
    kept.add(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      String key = parts[i].split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
      if (!parts[i].isBlank() && !ENFORCED.contains(key)) {
        kept.add(parts[i]);
      }
    }
    return String.join(";", kept) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=0";
  }

  /** jdbc:h2:file:… or jdbc:h2:PATH; not an in-memory, server or zip database. */
  public static boolean isEmbeddedH2File(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:")) {
      return false;
    }
    String rest = lower.substring("jdbc:h2:".length());
    return !(rest.startsWith("mem:")
        || rest.startsWith("tcp:")
        || rest.startsWith("ssl:")
        || rest.startsWith("zip:"));
  }
}
