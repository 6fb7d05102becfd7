package org.winbackhub.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * Builds the Camel Main of the hub from the folder it runs in: properties from config/ (plus the
 * profile's file), YAML routes from routes/, beans from {@link HubBeans}.
 */
public final class HubApplication {
  private HubApplication() {}

  /**
   * The hub with its beans and route definitions but nothing started: no route consumes, no server
   * listens, no schedule fires. For one-off commands (sync, merges) next to a running hub.
   */
  static Main offline(String profile) throws Exception {
    return offline(profile, Map.of());
  }

  /** The same, with properties of the command's own (they win over config/ and the environment). */
  static Main offline(String profile, Map<String, String> extra) throws Exception {
    Map<String, String> props = new LinkedHashMap<>(extra);
    props.put("camel.main.auto-startup", "false");
    props.put("camel.server.enabled", "false");
    props.put("camel.management.enabled", "false");
    props.put("hub.cycle.enabled", "false");
    Main main = create(profile, props);
    main.start();
    return main;
  }

  /** What a one-shot command does with the offline hub; returns its exit code. */
  public interface OfflineWork {
    int run(CamelContext camel) throws Exception;
  }

  /** Starts the hub offline (quietly), runs {@code work} with its context, stops it. */
  public static int offline(String profile, OfflineWork work) throws Exception {
    return offline(profile, Map.of(), work);
  }

  /** The same, with properties of the command's own. */
  public static int offline(String profile, Map<String, String> extra, OfflineWork work)
      throws Exception {
    Logs.quiet("org.apache.camel");
    Main main = offline(profile, extra);
    try {
      return work.run(main.getCamelContext());
    } finally {
      main.stop();
    }
  }

  public static Main create(String profile, Map<String, String> overrides) {
    Path config = Path.of("config").toAbsolutePath();
    Path base = config.resolve("application.properties");
    if (!Files.isRegularFile(base)) {
      throw new IllegalStateException(
          "no config/application.properties in "
              + Path.of("").toAbsolutePath()
              + ": run the hub from its folder");
    }
    StringBuilder locations = new StringBuilder("file:" + base);
    if (profile != null && !profile.isBlank()) {
      Path file = config.resolve("application-" + profile + ".properties");
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("profile '" + profile + "' has no " + file);
      }
      locations.append(",file:").append(file);
    }
    Main main = new Main();
    main.configure().addConfiguration(HubBeans.class);
    main.setPropertyPlaceholderLocations(locations.toString());
    overrides.forEach(main::addOverrideProperty);
    return main;
  }
}
