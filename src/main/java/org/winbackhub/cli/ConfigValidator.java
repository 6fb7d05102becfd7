package org.winbackhub.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.winbackhub.app.HubBeans;
import org.winbackhub.app.Settings;
import org.winbackhub.intake.SourceMapping;
import org.winbackhub.intake.SourcePrecedence;
import org.winbackhub.journey.Journey;
import org.winbackhub.journey.JourneyRules;
import org.winbackhub.segment.InactivityPolicy;

/**
 * Checks every route, policy, journey, mapping and template file without starting anything, and
 * lists each mistake with its file, line and what was expected. Offline by default (no store, no
 * source is touched); with {@code connect}, also the beans the routes and Kamelets name, the
 * mapping files, every DataSource and each SQL source's queries ({@link ConnectChecks}).
 */
final class ConfigValidator {

  /** What was checked and what was wrong. */
  record Report(
      int routeFiles, int routes, int journeys, int templates, List<Problems.Problem> problems) {}

  private final Path home;
  private final String profile;
  private final boolean connect;

  ConfigValidator(Path home, String profile) {
    this(home, profile, false);
  }

  ConfigValidator(Path home, String profile, boolean connect) {
    this.home = home.toAbsolutePath().normalize();
    this.profile = profile;
    this.connect = connect;
  }

  /**
   * The folder holds no hub: said in one line, as the other commands say it, rather than as a
   * problem of a file that is not there.
   */
  private void requireHubFolder(PropertyLines properties) {
    for (Path file : properties.files()) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            file.equals(properties.files().get(0))
                ? "no config/application.properties in "
                    + home
                    + ": run validate in the hub's folder, or give it with --dir"
                : "profile '" + profile + "' has no " + file);
      }
    }
  }

  Report validate() throws Exception {
    PropertyLines properties = new PropertyLines(home, profile);
    requireHubFolder(properties);
    Problems problems = new Problems(home);
    Path config = home.resolve("config");
    List<Path> routeFiles = Problems.files(home.resolve("routes"), ".camel.yaml");
    int routes = 0;
    List<Journey> journeys = new ArrayList<>();
    int templates;
    try (DefaultCamelContext camel = new DefaultCamelContext(false)) {
      camel.setSourceLocationEnabled(true);
      camel
          .getPropertiesComponent()
          .setLocation(
              String.join(",", properties.files().stream().map(f -> "file:" + f).toList()));
      Properties overrides = new Properties();
      overrides.put("hub.store.migrate", "false");
      overrides.put("hub.home", home.toString());
      overrides.put("hub.config-dir", config.toString());
      overrides.put("hub.tracking.secret", "validate-only-not-a-secret-0123456789abcdef");
      camel.getPropertiesComponent().setOverrideProperties(overrides);
      camel.build();
      Settings settings = new Settings(camel);

      problems.check(() -> InactivityPolicy.load(config.resolve("policies.yaml")));
      problems.check(() -> SourcePrecedence.load(config.resolve("identity.yaml")));
      for (Path file : Problems.files(config.resolve("mappings"), ".yaml")) {
        problems.check(() -> SourceMapping.load(file));
      }
      Map<Path, Journey> loaded = new LinkedHashMap<>();
      boolean allLoaded = true;
      List<Path> journeyFiles = Problems.files(config.resolve("journeys"), ".yaml");
      for (Path file : journeyFiles) {
        allLoaded &= problems.check(() -> loaded.put(file, Journey.load(file)));
      }
      // between journeys only once each reads: a nurture journey whose own file is wrong is not
      // told as missing
      for (JourneyRules.Mistake m :
          allLoaded ? JourneyRules.across(loaded) : List.<JourneyRules.Mistake>of()) {
        problems.check(
            () -> {
              throw m.asException();
            });
      }
      journeys.addAll(loaded.values());
      templates = new TemplateChecks(problems).check(loaded, settings);
      new OfferChecks(problems).check(config, journeyFiles);

      boolean beansBound = problems.check(() -> new HubBeans().configure(camel));
      ConnectChecks connected = new ConnectChecks(camel, problems, properties);
      if (connect && beansBound) {
        PropertyBeans.bind(camel, problems, properties);
      }
      try {
        RouteChecks checks = new RouteChecks(camel, problems, beansBound);
        for (Path file : routeFiles) {
          routes += checks.check(file);
        }
        checks.checkDuplicateIds();
        if (connect && beansBound) {
          connected.kamelets(Problems.files(home.resolve("routes"), ".kamelet.yaml"));
          connected.sourceRoutes();
          connected.dataSources(settings.optional("hub.store.url", ""));
        }
      } finally {
        // never opened here (the pools start on first use), but closed all the same
        for (var ds : camel.getRegistry().findByType(javax.sql.DataSource.class)) {
          if (ds instanceof AutoCloseable pool) {
            pool.close();
          }
        }
      }
    }
    return new Report(routeFiles.size(), routes, journeys.size(), templates, problems.sorted());
  }
}
