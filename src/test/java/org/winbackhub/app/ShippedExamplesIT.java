package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.testing.HubPeers;
import org.winbackhub.testing.PackagedJar;

/**
 * The example routes a user copies (routes/sources/*.camel.yaml.example), filled in as their
 * comments say, pass validate from the packaged jar; and a route still naming a Kamelet by its old
 * name is told the new one, by validate and by the start.
 */
class ShippedExamplesIT {
  @TempDir Path hub;

  /** The secrets the examples read from the environment, as an operator exports them. */
  static final Map<String, String> SECRETS =
      Map.of(
          "CRM_DB_PASSWORD", "not-a-real-password",
          "SALESFORCE_CLIENT_SECRET", "not-a-real-secret",
          "HUB_SHOP_ACCESS_TOKEN", "shpat_not_a_real_token",
          "HUB_SHOP_WEBHOOK_SECRET", "not-a-real-webhook-secret");

  /**
   * The properties an example's header tells the user to add: its indented "# key = value" lines.
   */
  static String propertiesOf(String example) {
    return example
        .lines()
        .filter(l -> l.matches("#\\s{6}(camel|hub)\\.\\S+ = .*"))
        .map(l -> l.substring(1).trim())
        .collect(Collectors.joining("\n", "\n", "\n"));
  }

  static final Pattern OK = Pattern.compile("OK: (\\d+) route files \\((\\d+) routes\\)");

  @Test
  void each_example_filled_in_as_its_comments_say_is_valid() throws Exception {
    PackagedJar.copyHubFolder(hub);
    PackagedJar.Run shipped = PackagedJar.run(hub, SECRETS, 60, "validate");
    assertThat(shipped.exitCode()).as(shipped.output()).isZero();
    Matcher before = OK.matcher(shipped.output());
    assertThat(before.find()).as(shipped.output()).isTrue();

    List<String> examples = List.of("sql-crm", "salesforce", "shop");
    for (String name : examples) {
      String example =
          Files.readString(hub.resolve("routes/sources/" + name + ".camel.yaml.example"));
      Files.writeString(
          hub.resolve("config/application.properties"),
          propertiesOf(example),
          StandardOpenOption.APPEND);
      Files.writeString(hub.resolve("routes/sources/" + name + ".camel.yaml"), example);
    }
    assertThat(Files.readString(hub.resolve("config/application.properties")))
        .contains("camel.beans.legacyCrm.password = {{env:CRM_DB_PASSWORD}}")
        .contains("camel.component.salesforce.client-secret = {{env:SALESFORCE_CLIENT_SECRET}}")
        .contains("hub.shop.base-url = https://tienda.myshopify.com");

    PackagedJar.Run filled = PackagedJar.run(hub, SECRETS, 60, "validate");
    assertThat(filled.exitCode()).as(filled.output()).isZero();
    Matcher after = OK.matcher(filled.output());
    assertThat(after.find()).as(filled.output()).isTrue();
    assertThat(Integer.parseInt(after.group(1)))
        .isEqualTo(Integer.parseInt(before.group(1)) + examples.size());
    assertThat(Integer.parseInt(after.group(2)))
        .isEqualTo(Integer.parseInt(before.group(2)) + examples.size());
  }

  static String route(String id, String kamelet, String parameters) {
    return """
    - route:
        id: %s
        from:
          uri: "kamelet:%s"
          parameters:
    %s
          steps:
            - log: "${body.line}"
    """
        .formatted(id, kamelet, parameters.indent(8).stripTrailing());
  }

  @Test
  void a_route_naming_an_old_kamelet_is_told_its_new_name_by_validate_and_by_the_start()
      throws Exception {
    PackagedJar.copyHubFolder(hub);
    Files.writeString(
        hub.resolve("routes/sources/old-names.camel.yaml"),
        route(
                "source-legacy-crm",
                "crm-jdbc-source",
                "sourceId: legacy-crm\n"
                    + "dataSource: legacyCrm\n"
                    + "mapping: config/mappings/legacy-crm.yaml")
            + route(
                "source-salesforce",
                "salesforce-source",
                "sourceId: salesforce\nmapping: config/mappings/salesforce.yaml")
            + route(
                "source-shop",
                "shop-api-source",
                "sourceId: shop\nbaseUrl: https://tienda.myshopify.com\naccessToken: x"));

    PackagedJar.Run validate = PackagedJar.run(hub, 60, "validate");

    assertThat(validate.exitCode()).as(validate.output()).isEqualTo(1);
    assertThat(validate.output())
        .contains(
            "routes/sources/old-names.camel.yaml:4: the Kamelet 'crm-jdbc-source' was renamed to"
                + " 'winback-crm-jdbc-source': write kamelet:winback-crm-jdbc-source")
        .contains(
            "routes/sources/old-names.camel.yaml:14: the Kamelet 'salesforce-source' was renamed to"
                + " 'winback-salesforce-source'")
        .contains(
            "routes/sources/old-names.camel.yaml:23: the Kamelet 'shop-api-source' was renamed to"
                + " 'winback-shop-api-source'")
        .contains("3 problems found");

    Files.writeString(
        hub.resolve("routes/sources/old-names.camel.yaml"),
        route(
            "source-legacy-crm",
            "crm-jdbc-source",
            "sourceId: legacy-crm\n"
                + "dataSource: legacyCrm\n"
                + "mapping: config/mappings/legacy-crm.yaml"));
    PackagedJar.Run start =
        PackagedJar.run(
            hub,
            Map.of(
                "HUB_HTTP_PORT",
                String.valueOf(HubPeers.freePort()),
                "HUB_MANAGEMENT_PORT",
                String.valueOf(HubPeers.freePort())),
            90,
            "run");

    assertThat(start.exitCode()).as(start.output()).isEqualTo(1);
    assertThat(start.output())
        .contains(
            "winback-hub run: a route uses the Kamelet 'crm-jdbc-source', renamed to"
                + " 'winback-crm-jdbc-source': change its uri");
  }

  @Test
  void a_route_for_the_camel_catalogs_salesforce_source_is_not_taken_for_an_old_one()
      throws Exception {
    PackagedJar.copyHubFolder(hub);
    Files.writeString(
        hub.resolve("routes/sources/catalog.camel.yaml"),
        route(
            "catalog-salesforce",
            "salesforce-source",
            "query: SELECT Id FROM Contact\ntopicName: ContactTopic"));

    PackagedJar.Run validate = PackagedJar.run(hub, 60, "validate");

    assertThat(validate.output()).doesNotContain("renamed");
  }
}
