package org.winbackhub.intake.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The source routes ({@code id: source-NAME}) of the hub's folder as its route files say, read in a
 * moment without starting anything, so that {@code sync} can refuse an unknown source at once. Only
 * where the routes come from the shipped pattern ({@code file:routes/**}{@code /*.camel.yaml});
 * otherwise, or when a file does not parse, it knows nothing and the started hub decides.
 */
public final class SourceRoutes {
  static final String DEFAULT_PATTERN = "file:routes/**/*.camel.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * A source route: its name (the id without "source-") and the Kamelet it uses, or its URI's
   * scheme.
   */
  public record Route(String name, String kamelet, String scheme) {
    public boolean runnable() {
      return kamelet != null && SourceRunner.KAMELETS.contains(kamelet);
    }
  }

  private SourceRoutes() {}

  /**
   * The source routes under {@code home}, by name; empty when they cannot be known before the
   * start.
   */
  public static Optional<Map<String, Route>> read(Path home, String profile) {
    if (!DEFAULT_PATTERN.equals(includePattern(home, profile))) {
      return Optional.empty();
    }
    Map<String, Route> routes = new TreeMap<>();
    Path dir = home.resolve("routes");
    if (!Files.isDirectory(dir)) {
      return Optional.of(routes);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
        JsonNode items = YAML.readTree(file.toFile());
        if (items == null || !items.isArray()) {
          continue;
        }
        for (JsonNode item : items) {
          JsonNode route = item.path("route");
          String id = route.path("id").asText("");
          if (id.startsWith("source-")) {
            String uri = route.path("from").path("uri").asText("");
            String kamelet =
                uri.startsWith("kamelet:") ? uri.substring(8).replaceAll("[?/].*", "") : null;
            routes.put(
                id.substring(7), new Route(id.substring(7), kamelet, uri.replaceAll(":.*", "")));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(routes);
  }

  /** The routes the sync command can run, by name. */
  public static List<String> runnable(Map<String, Route> routes) {
    return routes.values().stream().filter(Route::runnable).map(Route::name).toList();
  }

  /** camel.main.routes-include-pattern as the properties files (and the environment) set it. */
  private static String includePattern(Path home, String profile) {
    String env = System.getenv("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN");
    String sys = System.getProperty("camel.main.routes-include-pattern");
    if (env != null || sys != null) {
      return sys != null ? sys : env;
    }
    Properties p = new Properties();
    for (String name :
        profile == null || profile.isBlank()
            ? List.of("application.properties")
            : List.of("application.properties", "application-" + profile + ".properties")) {
      Path file = home.resolve("config").resolve(name);
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        } catch (IOException e) {
          return null;
        }
      }
    }
    return p.getProperty("camel.main.routes-include-pattern", "").trim();
  }
}
