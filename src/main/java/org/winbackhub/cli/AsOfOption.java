package org.winbackhub.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --as-of DATE} of the commands that classify or explain: the property hub.segment.as-of.
 */
final class AsOfOption {
  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "As of the end of this day (2025-06-30) or this time (2025-06-30T18:00:00+02:00): later"
              + " events are left out. Same as the property hub.segment.as-of.")
  String asOf;

  /** The command's own properties: hub.segment.as-of when given. */
  Map<String, String> properties() {
    return asOf == null ? Map.of() : Map.of("hub.segment.as-of", asOf);
  }
}
