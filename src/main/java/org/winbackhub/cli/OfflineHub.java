package org.winbackhub.cli;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.winbackhub.app.HubApplication;
import org.winbackhub.app.HubBeans;
import picocli.CommandLine.Option;

/**
 * The start-up the one-shot commands share ({@code @Mixin}): their {@code --profile}, and the hub
 * wired but not started (no route consumes, no server listens), its beans taken by type.
 */
final class OfflineHub {
  @Option(
      names = {"-p", "--profile"},
      description = "Configuration profile, e.g. prod.")
  String profile;

  /** What a command does with the hub; returns its exit code. */
  interface Work {
    int run(Beans hub) throws Exception;
  }

  /** The offline hub's beans. */
  record Beans(CamelContext camel) {
    <T> T get(Class<T> type) {
      return HubBeans.bean(camel, type);
    }
  }

  int run(Work work) throws Exception {
    return run(Map.of(), work);
  }

  /** With properties of the command's own (they win over config/ and the environment). */
  int run(Map<String, String> properties, Work work) throws Exception {
    return HubApplication.offline(profile, properties, camel -> work.run(new Beans(camel)));
  }
}
