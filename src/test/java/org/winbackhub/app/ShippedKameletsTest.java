package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/**
 * The shipped Kamelets are self-describing as the Camel catalog's are, the shipped example routes
 * fit the Kamelets they use and are not loaded as shipped, and every route names a route
 * configuration that exists.
 */
class ShippedKameletsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path KAMELETS = Path.of("routes/kamelets");
  private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

  static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void every_kamelet_is_named_for_the_hub_and_describes_itself_as_the_catalog_does()
      throws Exception {
    String version = projectVersion();
    List<Path> kamelets = files(KAMELETS, ".kamelet.yaml");
    assertThat(kamelets).hasSize(7);
    for (Path file : kamelets) {
      JsonNode k = YAML.readTree(file.toFile());
      String name = k.at("/metadata/name").asText();
      assertThat(file.getFileName().toString()).isEqualTo(name + ".kamelet.yaml");
      assertThat(name)
          .as(file + ": a prefix of the hub's own, so no catalog Kamelet is shadowed")
          .startsWith("winback-");
      assertThat(k.at("/metadata/labels").path("camel.apache.org/kamelet.type").asText())
          .as(file + ": its type, as its name ends")
          .isEqualTo(name.endsWith("-sink") ? "sink" : "source");
      JsonNode annotations = k.at("/metadata/annotations");
      assertThat(annotations.path("camel.apache.org/provider").asText())
          .as(file.toString())
          .isEqualTo("Winback Hub");
      assertThat(annotations.path("camel.apache.org/catalog.version").asText())
          .as(file + ": the project's version")
          .isEqualTo(version);
      assertThat(annotations.path("camel.apache.org/kamelet.support.level").asText())
          .as(file.toString())
          .isIn("Stable", "Preview", "Experimental");
      assertThat(annotations.path("camel.apache.org/kamelet.group").asText())
          .as(file.toString())
          .isNotBlank();
      assertThat(k.at("/spec/definition/title").asText()).as(file.toString()).isNotBlank();
      assertThat(k.at("/spec/definition/description").asText())
          .as(file + ": says what it emits")
          .contains("Emits");

      JsonNode properties = k.at("/spec/definition/properties");
      Set<String> declared = new TreeSet<>();
      properties.fieldNames().forEachRemaining(declared::add);
      for (String p : declared) {
        JsonNode prop = properties.get(p);
        String where = file + " parameter " + p;
        assertThat(prop.path("title").asText()).as(where).isNotBlank();
        assertThat(prop.path("description").asText()).as(where).isNotBlank();
        assertThat(prop.path("type").asText()).as(where).isIn("string", "boolean", "integer");
        assertThat(prop.has("example")).as(where + " has an example").isTrue();
        if (p.matches("(?i).*(token|password|secret|key)")) {
          assertThat(prop.path("format").asText()).as(where + " is a secret").isEqualTo("password");
          assertThat(prop.path("x-descriptors").toString())
              .as(where)
              .contains(
                  "urn:alm:descriptor:com.tectonic.ui:password", "urn:camel:group:credentials");
        }
      }
      List<String> required = new ArrayList<>();
      k.at("/spec/definition/required").forEach(r -> required.add(r.asText()));
      assertThat(declared).as(file + ": required parameters are declared").containsAll(required);

      String template = k.at("/spec/template").toString();
      Matcher m = TEMPLATE_PARAMETER.matcher(template);
      while (m.find()) {
        assertThat(declared)
            .as(file + ": the template's {{" + m.group(1) + "}}")
            .contains(m.group(1));
      }
      List<String> dependencies = new ArrayList<>();
      k.at("/spec/dependencies").forEach(d -> dependencies.add(d.asText()));
      String scheme = k.at("/spec/template/from/uri").asText().replaceAll(":.*", "");
      assertThat(dependencies)
          .as(file + ": the components its template uses")
          .contains("camel:kamelet", "camel:" + scheme);
      if (template.contains("\"bean\"")) {
        assertThat(dependencies).as(file.toString()).contains("camel:bean");
      }
      if (template.contains("\"smsHttp:")) {
        assertThat(dependencies)
            .as(file + ": the hub's smsHttp is camel-http")
            .contains("camel:http");
      }
    }
  }

  @Test
  void each_example_route_gives_its_kamelet_every_required_parameter_and_no_unknown_one()
      throws Exception {
    List<Path> examples = files(Path.of("routes/sources"), ".camel.yaml.example");
    assertThat(examples)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "sql-crm.camel.yaml.example",
            "salesforce.camel.yaml.example",
            "shop.camel.yaml.example");
    Set<String> used = new TreeSet<>();
    for (Path example : examples) {
      String text = Files.readString(example);
      assertThat(text.lines().findFirst().orElse(""))
          .as(example.toString())
          .isEqualTo(
              "# EXAMPLE, not loaded: copy to routes/sources/<name>.camel.yaml and fill in.");
      assertThat(text)
          .as(example + " points to the docs")
          .contains("docs/CONFIGURATION.md, \"The hub's Kamelets\"");
      JsonNode routes = YAML.readTree(text);
      assertThat(routes.size()).isEqualTo(1);
      JsonNode route = routes.get(0).path("route");
      assertThat(route.path("id").asText()).as(example.toString()).startsWith("source-");
      assertThat(route.path("routeConfigurationId").asText())
          .as(example.toString())
          .isEqualTo("hub-sources");
      String uri = route.at("/from/uri").asText();
      assertThat(uri).startsWith("kamelet:winback-");
      String name = uri.substring("kamelet:".length());
      used.add(name);
      Path kameletFile = KAMELETS.resolve(name + ".kamelet.yaml");
      assertThat(kameletFile).as(example + " uses a shipped Kamelet").exists();
      JsonNode definition = YAML.readTree(kameletFile.toFile()).at("/spec/definition");
      Set<String> given = new TreeSet<>();
      route.at("/from/parameters").fieldNames().forEachRemaining(given::add);
      Set<String> declared = new TreeSet<>();
      definition.path("properties").fieldNames().forEachRemaining(declared::add);
      definition
          .path("required")
          .forEach(
              r -> assertThat(given).as(example + " gives " + r.asText()).contains(r.asText()));
      assertThat(declared).as(example + ": parameters the Kamelet knows").containsAll(given);
    }
    assertThat(used)
        .as("an example per source Kamelet")
        .containsExactlyInAnyOrder(
            files(KAMELETS, "-source.kamelet.yaml").stream()
                .map(p -> p.getFileName().toString().replace(".kamelet.yaml", ""))
                .toArray(String[]::new));
  }

  @Test
  void each_sms_sink_gets_every_parameter_from_hub_properties_and_the_channel_route_uses_it()
      throws Exception {
    Properties shipped = properties();
    List<Path> sinks = files(KAMELETS, "-sms-sink.kamelet.yaml");
    assertThat(sinks).hasSize(4);
    for (Path file : sinks) {
      JsonNode k = YAML.readTree(file.toFile());
      String name = k.at("/metadata/name").asText();
      String provider = name.substring("winback-".length(), name.length() - "-sms-sink".length());
      assertThat(provider).isIn("twilio", "kannel", "http-json", "smpp");
      k.at("/spec/definition/properties")
          .fieldNames()
          .forEachRemaining(
              p ->
                  assertThat(shipped.getProperty("camel.kamelet." + name + "." + p))
                      .as("config/application.properties sets %s's %s", name, p)
                      .startsWith("{{hub.sms." + provider + "."));
      // SMPP's password is its session's (bound by the hub at start), not a Kamelet parameter
      String secret =
          provider.equals("smpp") || k.at("/spec/definition/properties").has("password")
              ? "password"
              : "auth-token";
      assertThat(properties("config/application-prod.properties"))
          .as("the production profile reads %s's secret from the environment", name)
          .containsKey("hub.sms." + provider + "." + secret);
    }
    JsonNode route = YAML.readTree(Path.of("routes/channels/sms.camel.yaml").toFile()).get(0);
    assertThat(route.toString())
        .as("each message to the sink of its provider (hub.sms.provider or hub.sms.routes)")
        .contains("kamelet:winback-${exchangeProperty.smsProvider}-sms-sink");
    assertThat(route.at("/route/routeConfigurationId").asText()).isEqualTo("hub-jobs");
  }

  @Test
  void the_examples_are_not_loaded_by_the_shipped_routes_include_pattern() throws Exception {
    String pattern = properties().getProperty("camel.main.routes-include-pattern");
    assertThat(pattern).isEqualTo("file:routes/**/*.camel.yaml");
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      // what Camel Main does with camel.main.routes-include-pattern
      List<String> loaded = new ArrayList<>();
      for (Resource r : PluginHelper.getPackageScanResourceResolver(camel).findResources(pattern)) {
        loaded.add(r.getLocation());
      }
      assertThat(loaded)
          .as("routes Camel Main loads")
          .anyMatch(l -> l.endsWith("routes/sources/shop-webhooks.camel.yaml"))
          .noneMatch(l -> l.contains(".example"));
    }
  }

  @Test
  void every_route_names_a_route_configuration_that_exists() throws Exception {
    Set<String> configurations = new TreeSet<>();
    List<String> routes = new ArrayList<>();
    List<Path> files = new ArrayList<>(files(Path.of("routes"), ".camel.yaml"));
    files.addAll(files(Path.of("routes"), ".camel.yaml.example"));
    for (Path file : files) {
      for (JsonNode item : YAML.readTree(file.toFile())) {
        if (item.has("routeConfiguration")) {
          configurations.add(item.path("routeConfiguration").path("id").asText());
        }
        if (item.has("route")) {
          routes.add(
              file
                  + " "
                  + item.path("route").path("id").asText()
                  + " -> "
                  + item.path("route").path("routeConfigurationId").asText());
        }
      }
    }
    assertThat(configurations)
        .containsExactlyInAnyOrder(
            "hub-errors", "hub-files", "hub-http", "hub-sources", "hub-jobs");
    assertThat(routes)
        .hasSizeGreaterThanOrEqualTo(12)
        .allSatisfy(
            r -> assertThat(configurations).as(r).contains(r.substring(r.indexOf(" -> ") + 4)));
  }

  private static Properties properties() throws IOException {
    return properties("config/application.properties");
  }

  private static Properties properties(String file) throws IOException {
    Properties p = new Properties();
    try (var in = Files.newInputStream(Path.of(file))) {
      p.load(in);
    }
    return p;
  }

  private static String projectVersion() throws IOException {
    Matcher m =
        Pattern.compile("<artifactId>winback-hub</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
