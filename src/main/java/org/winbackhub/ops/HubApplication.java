package org.winbackhub.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * Builds the Camel Main of the hub from the folder it runs in: properties from config/ (plus the
 * profile's file), YAML routes from routes/, beans from {@link HubBeans}.
 */
final class HubApplication {
  private HubApplication() {}

  static Main create(String profile, Map<String, String> overrides) {
    Path config = Path.of("config").toAbsolutePath();
    Path base = config.resolve("application.properties");
    if (!Files.isRegularFile(base)) {
      throw new IllegalStateException(
          "no config/application.properties in " + Path.of("").toAbsolutePath() + ": run the hub from its folder");
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
