package org.winbackhub.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.LineNumberAware;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.winbackhub.app.HubBeans;
import org.winbackhub.app.Settings;
import org.winbackhub.channel.email.TemplateRenderer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.config.ConfigException;
import org.winbackhub.intake.SourceMapping;
import org.winbackhub.intake.SourcePrecedence;
import org.winbackhub.journey.Journey;
import org.winbackhub.segment.InactivityPolicy;

/**
 * Checks every route, policy, journey and template file without starting anything or touching the
 * store, and lists each mistake with its file, line and what was expected.
 */
final class ConfigValidator {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\?)?([^{}]+?)}}");

  /** One mistake in one file. */
  record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
  }

  /** What was checked and what was wrong. */
  record Report(int routeFiles, int routes, int journeys, int templates, List<Problem> problems) {}

  private final Path home;
  private final String profile;
  private final List<Problem> problems = new ArrayList<>();

  ConfigValidator(Path home, String profile) {
    this.home = home.toAbsolutePath().normalize();
    this.profile = profile;
  }

  Report validate() throws Exception {
    Path config = home.resolve("config");
    List<Path> routeFiles = files(home.resolve("routes"), ".camel.yaml");
    int journeys = 0;
    int templates = 0;
    int routes = 0;
    try (DefaultCamelContext camel = new DefaultCamelContext(false)) {
      camel.setSourceLocationEnabled(true);
      String locations = "file:" + config.resolve("application.properties");
      if (profile != null) {
        locations += ",file:" + config.resolve("application-" + profile + ".properties");
      }
      camel.getPropertiesComponent().setLocation(locations);
      Properties overrides = new Properties();
      overrides.put("hub.store.migrate", "false");
      overrides.put("hub.home", home.toString());
      overrides.put("hub.config-dir", config.toString());
      overrides.put("hub.tracking.secret", "validate-only-not-a-secret-0123456789abcdef");
      camel.getPropertiesComponent().setOverrideProperties(overrides);
      camel.build();
      Settings settings = new Settings(camel);

      check(() -> InactivityPolicy.load(config.resolve("policies.yaml")));
      check(() -> SourcePrecedence.load(config.resolve("identity.yaml")));
      for (Path file : files(config.resolve("mappings"), ".yaml")) {
        check(() -> SourceMapping.load(file));
      }
      List<Journey> loaded = new ArrayList<>();
      for (Path file : files(config.resolve("journeys"), ".yaml")) {
        check(() -> loaded.add(Journey.load(file)));
      }
      journeys = loaded.size();
      templates = checkTemplates(config, loaded, settings);

      boolean beansBound = check(() -> new HubBeans().configure(camel));
      try {
        for (Path file : routeFiles) {
          routes += checkRouteFile(camel, file, beansBound);
        }
        checkDuplicateIds(camel);
      } finally {
        // never opened (the pool starts on first use), but closed all the same
        if (camel.getRegistry().lookupByName("hubDataSource") instanceof AutoCloseable store) {
          store.close();
        }
      }
    }
    List<Problem> distinct = new ArrayList<>(new LinkedHashSet<>(problems));
    distinct.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
    return new Report(routeFiles.size(), routes, journeys, templates, distinct);
  }

  private int checkTemplates(Path config, List<Journey> journeys, Settings settings) {
    TemplateStore store = new TemplateStore(config.resolve("templates"));
    TemplateRenderer renderer = new TemplateRenderer();
    Map<String, String> links = new HashMap<>();
    try {
      links = settings.withPrefix("hub.links.");
    } catch (RuntimeException e) {
      problems.add(new Problem(rel(config.resolve("application.properties")), 0, e.getMessage()));
    }
    int count = 0;
    for (Journey j : journeys) {
      for (Journey.Step step : j.steps()) {
        String name = step.send().template();
        Optional<String> html = store.find(name, "html");
        Optional<String> text = store.find(name, "txt");
        if (html.isEmpty() && text.isEmpty()) {
          problems.add(
              new Problem(
                  rel(config.resolve("journeys")),
                  0,
                  "journey "
                      + j.id()
                      + ", step "
                      + step.id()
                      + ": template '"
                      + name
                      + "' has no "
                      + rel(store.path(name, "html"))
                      + " nor "
                      + rel(store.path(name, "txt"))));
          continue;
        }
        count++;
        for (var entry :
            Map.of("html", html, "txt", text, "subject", Optional.ofNullable(step.send().subject()))
                .entrySet()) {
          if (entry.getValue().isEmpty()) {
            continue;
          }
          for (String p : renderer.placeholders(entry.getValue().get())) {
            boolean known =
                p.startsWith("link:")
                    ? links.containsKey(p.substring(5))
                    : TemplateRenderer.FIELDS.contains(p);
            if (!known) {
              String where =
                  entry.getKey().equals("subject")
                      ? "journey " + j.id() + " subject"
                      : rel(store.path(name, entry.getKey()));
              problems.add(
                  new Problem(
                      where,
                      0,
                      "unknown placeholder {{"
                          + p
                          + "}}; fields: "
                          + TemplateRenderer.FIELDS
                          + ", links: "
                          + links.keySet().stream().map(l -> "link:" + l).toList()
                          + " (add hub.links.NAME to application.properties)"));
            }
          }
        }
      }
    }
    return count;
  }

  private int checkRouteFile(CamelContext camel, Path file, boolean beansBound) throws IOException {
    String name = rel(file);
    int before = problems.size();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = PLACEHOLDER.matcher(lines.get(i));
      while (m.find()) {
        String key = m.group(2).trim();
        if (m.group(1) != null || key.startsWith("env:") || key.startsWith("sys:")) {
          continue;
        }
        if (camel.getPropertiesComponent().resolveProperty(key).isEmpty()) {
          problems.add(
              new Problem(
                  name,
                  i + 1,
                  "missing property '"
                      + key
                      + "' (define it in config/application.properties or as env "
                      + Settings.envName(key)
                      + ")"));
        }
      }
    }
    if (problems.size() > before) {
      return 0;
    }
    ModelCamelContext model = (ModelCamelContext) camel;
    int existing = model.getRouteDefinitions().size();
    try {
      PluginHelper.getRoutesLoader(camel)
          .loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
    } catch (Exception e) {
      problems.add(new Problem(name, yamlLine(e), firstLine(rootMessage(e))));
      return 0;
    }
    List<RouteDefinition> added =
        model.getRouteDefinitions().subList(existing, model.getRouteDefinitions().size());
    for (RouteDefinition route : added) {
      checkEndpoint(camel, name, route.getInput().getEndpointUri(), route.getInput());
      walk(camel, name, route.getOutputs(), beansBound);
    }
    return added.size();
  }

  private void walk(
      CamelContext camel, String file, List<ProcessorDefinition<?>> outputs, boolean beansBound) {
    for (ProcessorDefinition<?> p : outputs) {
      if (p instanceof SendDefinition<?> send
          && send.getEndpointUri() != null
          && !(p instanceof ToDynamicDefinition)) {
        checkEndpoint(camel, file, send.getEndpointUri(), send);
      }
      if (p instanceof BeanDefinition bean
          && bean.getRef() != null
          && beansBound
          && camel.getRegistry().lookupByName(bean.getRef()) == null) {
        problems.add(
            new Problem(file, p.getLineNumber(), "bean '" + bean.getRef() + "' does not exist"));
      }
      walk(camel, file, p.getOutputs(), beansBound);
    }
  }

  private void checkEndpoint(CamelContext camel, String file, String uri, LineNumberAware where) {
    String kamelet = uri.startsWith("kamelet:") ? uri.substring(8).replaceAll("[?/].*", "") : "";
    Optional<String> renamed = renamedKamelet(kamelet);
    // only a route written for ours (sourceId): the catalog has a salesforce-source of its own
    if (renamed.isPresent() && uri.matches(".*[?&]sourceId=.*")) {
      problems.add(
          new Problem(
              file,
              where.getLineNumber(),
              "the Kamelet '"
                  + kamelet
                  + "' was renamed to '"
                  + renamed.get()
                  + "': write kamelet:"
                  + renamed.get()
                  + " (docs/CONFIGURATION.md, \"The hub's Kamelets\")"));
      return;
    }
    try {
      String resolved = camel.resolvePropertyPlaceholders(uri);
      Endpoint endpoint = camel.getEndpoint(resolved);
      if (endpoint == null) {
        problems.add(
            new Problem(file, where.getLineNumber(), "no component for endpoint '" + uri + "'"));
      }
    } catch (RuntimeException e) {
      String why = firstLine(rootMessage(e));
      int dueTo = why.indexOf(" due to: ");
      why = dueTo >= 0 ? why.substring(dueTo + 8) : why;
      int q = uri.indexOf('?');
      problems.add(
          new Problem(
              file,
              where.getLineNumber(),
              "endpoint '" + (q > 0 ? uri.substring(0, q) : uri) + "': " + why));
    }
  }

  /**
   * The new name of a Kamelet the hub renamed to its own prefix (issue 11), if {@code name} is an
   * old one.
   */
  static Optional<String> renamedKamelet(String name) {
    return Optional.ofNullable(
        Map.of(
                "crm-jdbc-source", "winback-crm-jdbc-source",
                "salesforce-source", "winback-salesforce-source",
                "shop-api-source", "winback-shop-api-source")
            .get(name));
  }

  private void checkDuplicateIds(CamelContext camel) {
    Map<String, RouteDefinition> seen = new HashMap<>();
    for (RouteDefinition r : ((ModelCamelContext) camel).getRouteDefinitions()) {
      RouteDefinition other = seen.putIfAbsent(r.getRouteId(), r);
      if (other != null && r.getRouteId() != null) {
        problems.add(
            new Problem(
                rel(Path.of(stripScheme(r.getLocation()))),
                r.getLineNumber(),
                "route id '"
                    + r.getRouteId()
                    + "' is used twice (also in "
                    + stripScheme(other.getLocation())
                    + ")"));
      }
    }
  }

  private interface Check {
    void run() throws Exception;
  }

  private boolean check(Check check) {
    try {
      check.run();
      return true;
    } catch (ConfigException e) {
      problems.add(
          new Problem(
              rel(Path.of(e.file())),
              e.line(),
              e.getMessage().substring(e.getMessage().indexOf(": ") + 2)));
    } catch (Exception e) {
      problems.add(
          new Problem(
              rel(home.resolve("config/application.properties")), 0, firstLine(rootMessage(e))));
    }
    return false;
  }

  private static final Pattern YAML_LINE = Pattern.compile("line (\\d+), column");

  private static int yamlLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = YAML_LINE.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return e.getMessage() != null && e.getMessage().contains(" in file:") ? e.getMessage() : m;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  private static String stripScheme(String location) {
    if (location == null) {
      return "?";
    }
    return location.startsWith("file:") ? location.substring(5) : location;
  }

  private String rel(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(home) ? home.relativize(abs).toString() : abs.toString();
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(f -> f.toString().endsWith(suffix) && Files.isRegularFile(f))
          .sorted()
          .toList();
    }
  }
}
