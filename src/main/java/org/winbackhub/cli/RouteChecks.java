package org.winbackhub.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.LineNumberAware;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.winbackhub.app.Settings;

/**
 * The offline checks of the route files: every placeholder defined, every file readable by the YAML
 * DSL, every endpoint resolvable, every bean a step names bound, every route id used once.
 */
final class RouteChecks {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\?)?([^{}]+?)}}");

  private final CamelContext camel;
  private final Problems problems;
  private final boolean beansBound;

  /** {@code beansBound}: the hub's beans are in the registry, so a step's bean can be looked up. */
  RouteChecks(CamelContext camel, Problems problems, boolean beansBound) {
    this.camel = camel;
    this.problems = problems;
    this.beansBound = beansBound;
  }

  /** Checks one route file and loads its routes; returns how many it holds. */
  int check(Path file) throws IOException {
    String name = problems.rel(file);
    int before = problems.count();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = PLACEHOLDER.matcher(lines.get(i));
      while (m.find()) {
        String key = m.group(2).trim();
        if (m.group(1) != null || key.startsWith("env:") || key.startsWith("sys:")) {
          continue;
        }
        if (camel.getPropertiesComponent().resolveProperty(key).isEmpty()) {
          problems.add(name, i + 1, missingProperty(key));
        }
      }
    }
    if (problems.count() > before) {
      return 0;
    }
    ModelCamelContext model = (ModelCamelContext) camel;
    int existing = model.getRouteDefinitions().size();
    if (!YamlRouteErrors.load(camel, file, problems)) {
      return 0;
    }
    List<RouteDefinition> added =
        model.getRouteDefinitions().subList(existing, model.getRouteDefinitions().size());
    for (RouteDefinition route : added) {
      checkEndpoint(name, route.getInput().getEndpointUri(), route.getInput());
      walk(name, route.getOutputs());
    }
    return added.size();
  }

  /** The words for a placeholder no properties file defines. */
  static String missingProperty(String key) {
    return "missing property '"
        + key
        + "' (define it in config/application.properties or as env "
        + Settings.envName(key)
        + ")";
  }

  private void walk(String file, List<ProcessorDefinition<?>> outputs) {
    for (ProcessorDefinition<?> p : outputs) {
      if (p instanceof SendDefinition<?> send
          && send.getEndpointUri() != null
          && !(p instanceof ToDynamicDefinition)) {
        checkEndpoint(file, send.getEndpointUri(), send);
      }
      if (p instanceof BeanDefinition bean
          && bean.getRef() != null
          && beansBound
          && camel.getRegistry().lookupByName(bean.getRef()) == null) {
        problems.add(file, p.getLineNumber(), "bean '" + bean.getRef() + "' does not exist");
      }
      walk(file, p.getOutputs());
    }
  }

  private void checkEndpoint(String file, String uri, LineNumberAware where) {
    String kamelet = uri.startsWith("kamelet:") ? uri.substring(8).replaceAll("[?/].*", "") : "";
    Optional<String> renamed = renamedKamelet(kamelet);
    // only a route written for ours (sourceId): the catalog has a salesforce-source of its own
    if (renamed.isPresent() && uri.matches(".*[?&]sourceId=.*")) {
      problems.add(
          file,
          where.getLineNumber(),
          "the Kamelet '"
              + kamelet
              + "' was renamed to '"
              + renamed.get()
              + "': write kamelet:"
              + renamed.get()
              + " (docs/CONFIGURATION.md, \"The hub's Kamelets\")");
      return;
    }
    try {
      String resolved = camel.resolvePropertyPlaceholders(uri);
      Endpoint endpoint = camel.getEndpoint(resolved);
      if (endpoint == null) {
        problems.add(file, where.getLineNumber(), "no component for endpoint '" + uri + "'");
      }
    } catch (RuntimeException e) {
      String why = Problems.firstLine(Problems.rootMessage(e));
      int dueTo = why.indexOf(" due to: ");
      why = dueTo >= 0 ? why.substring(dueTo + 8) : why;
      int q = uri.indexOf('?');
      problems.add(
          file,
          where.getLineNumber(),
          "endpoint '" + (q > 0 ? uri.substring(0, q) : uri) + "': " + why);
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

  /** Every route id once across all files. */
  void checkDuplicateIds() {
    Map<String, RouteDefinition> seen = new HashMap<>();
    for (RouteDefinition r : ((ModelCamelContext) camel).getRouteDefinitions()) {
      RouteDefinition other = seen.putIfAbsent(r.getRouteId(), r);
      if (other != null && r.getRouteId() != null) {
        problems.add(
            Path.of(stripScheme(r.getLocation())),
            r.getLineNumber(),
            "route id '"
                + r.getRouteId()
                + "' is used twice (also in "
                + stripScheme(other.getLocation())
                + ")");
      }
    }
  }

  static String stripScheme(String location) {
    if (location == null) {
      return "?";
    }
    return location.startsWith("file:") ? location.substring(5) : location;
  }
}
