package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.winbackhub.testing.PackagedJar;
import org.winbackhub.testing.RunningHub;

/**
 * The packaged hub driven over HTTP exactly as Hawtio 4's Camel plugin drives it once connected to
 * {@code http://127.0.0.1:PORT/observe/jolokia}: the requests, operation strings and options are
 * those of hawtio-react (jolokia-service.ts, route-stats-service.ts, routes-service.ts). The route
 * diagram, the route source and the statistics come back; what would change the hub is refused and
 * the hub goes on. Beside it, the Camel CLI's view: the status file camel ps and camel get route
 * read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HawtioJolokiaIT {
  static final ObjectMapper JSON = new ObjectMapper();

  /** What Hawtio sends with every request (DEFAULT_JOLOKIA_OPTIONS; list: maxDepth 9). */
  static final String OPTIONS =
      "{\"maxDepth\":9,\"maxCollectionSize\":50000,\"ignoreErrors\":true,\"canonicalNaming\":false";

  Path hub;
  Path home;
  RunningHub run;
  String jolokia;

  @BeforeAll
  void start() throws Exception {
    hub = Files.createTempDirectory("winback-hawtio-");
    home = Files.createDirectories(hub.resolve("home"));
    PackagedJar.copyHubFolder(hub);
    // the Camel CLI's files go under the user's home: one of the test's own
    run = RunningHub.start(hub, Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + home));
    assertThat(run.awaitHealth("{\"name\":\"route:feedback-click\",\"status\":\"UP\"}", 60))
        .as("comes up")
        .isNotNull();
    jolokia = "http://127.0.0.1:" + run.managementPort + "/observe/jolokia";
  }

  @AfterAll
  void stop() throws Exception {
    run.close();
  }

  @Test
  void hawtio_connects_and_builds_its_tree_from_list() throws Exception {
    // connect: the version tells Hawtio it may use Jolokia's own optimised list (protocol >= 8.0)
    HttpResponse<String> version = run.get(jolokia + "/version", Map.of());
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(version.body()).get("value").get("protocol").asDouble())
        .isGreaterThanOrEqualTo(8.0);
    // and whether Hawtio's own RBAC list MBean is there (it is not: Hawtio goes on without it)
    JsonNode rbac =
        jolokia(
            "{\"type\":\"list\",\"path\":\"hawtio/type=security,name=RBACRegistry\",\"config\":"
                + OPTIONS
                + "}}");
    assertThat(rbac.get("status").asInt()).isEqualTo(404);

    JsonNode list = jolokia("{\"type\":\"list\",\"config\":" + OPTIONS + ",\"listCache\":true}}");
    assertThat(list.get("status").asInt()).isEqualTo(200);
    JsonNode domains = list.get("value").get("domains");
    List<String> names = new ArrayList<>();
    domains.fieldNames().forEachRemaining(names::add);
    assertThat(names).contains("org.apache.camel", "java.lang");
    JsonNode camel = domains.get("org.apache.camel");
    String contextKey = "context=winback-hub,type=context,name=\"winback-hub\"";
    assertThat(camel.has(contextKey)).as("the context in the tree").isTrue();
    JsonNode info = camel.get(contextKey);
    if (info.isTextual()) { // an MBean info shared by several MBeans is sent once, in the cache
      info = list.get("value").get("cache").get(info.asText());
    }
    assertThat(info.get("op").has("dumpRoutesAsXml")).isTrue();
    List<String> keys = new ArrayList<>();
    camel.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).anyMatch(k -> k.contains("type=routes,name=\"feedback-click\""));
  }

  @Test
  void hawtio_draws_the_route_diagram_and_shows_each_route_source() throws Exception {
    List<String> routeIds = routeIds();
    assertThat(routeIds).contains("feedback-click", "channel-email-smtp", "source-loyalty-files");

    // RouteStatsService.fetchRoutesXml: exec dumpRoutesAsXml() on the context MBean
    JsonNode dump = exec(context(), "\"operation\":\"dumpRoutesAsXml()\"");
    assertThat(dump.get("status").asInt()).isEqualTo(200);
    Document xml = parse(dump.get("value").asText());
    // processRouteXml: each route node of the tree finds its <route id=...>, or the diagram says
    // "Could not locate any XML for route"
    NodeList routes = xml.getElementsByTagName("route");
    List<String> dumped = new ArrayList<>();
    for (int i = 0; i < routes.getLength(); i++) {
      dumped.add(((Element) routes.item(i)).getAttribute("id"));
    }
    assertThat(dumped).containsAll(routeIds);
    Element click = route(routes, "feedback-click");
    assertThat(click.getElementsByTagName("from").getLength()).isEqualTo(1);
    assertThat(click.getChildNodes().getLength()).as("steps to draw").isGreaterThan(2);

    // the single route's own source, as the route MBean dumps it
    JsonNode one = exec(routeMBean("feedback-click"), "\"operation\":\"dumpRouteAsXml()\"");
    Element source = parse(one.get("value").asText()).getDocumentElement();
    assertThat(source.getTagName()).isEqualTo("route");
    assertThat(source.getAttribute("id")).isEqualTo("feedback-click");
    assertThat(
            source
                .getElementsByTagName("from")
                .item(0)
                .getAttributes()
                .getNamedItem("uri")
                .getNodeValue())
        .startsWith("platform-http:/t/c/{token}");
    // Hawtio asks before offering to edit the source; the answer is a question, not a change
    JsonNode updatable =
        exec(routeMBean("feedback-click"), "\"operation\":\"isUpdateRouteEnabled()\"");
    assertThat(updatable.get("status").asInt()).isEqualTo(200);
  }

  @Test
  void hawtio_reads_route_attributes_and_statistics() throws Exception {
    // routes table (RoutesService.readRouteAttributes): a bulk read, one per route
    List<String> routeIds = routeIds();
    StringBuilder bulk = new StringBuilder("[");
    for (String id : routeIds) {
      bulk.append(bulk.length() > 1 ? "," : "")
          .append("{\"type\":\"read\",\"mbean\":")
          .append(JSON.writeValueAsString(routeMBean(id)))
          .append(",\"config\":")
          .append(OPTIONS)
          .append("}}");
    }
    JsonNode reads = jolokia(bulk.append("]").toString());
    assertThat(reads.size()).isEqualTo(routeIds.size());
    for (JsonNode read : reads) {
      assertThat(read.get("status").asInt()).isEqualTo(200);
      assertThat(read.get("value").get("State").asText()).isEqualTo("Started");
      assertThat(read.get("value").has("ExchangesTotal")).isTrue();
    }
    // fetchCamelVersion: one attribute of the context
    JsonNode camelVersion =
        jolokia(
            "{\"type\":\"read\",\"mbean\":"
                + JSON.writeValueAsString(context())
                + ",\"attribute\":\"CamelVersion\"}");
    assertThat(camelVersion.get("value").asText()).isEqualTo("4.18.0");

    // RouteStatsService.dumpRoutesStatsXML: the operation by name alone, with [true, true]
    JsonNode stats =
        exec(context(), "\"operation\":\"dumpRoutesStatsAsXml\",\"arguments\":[true,true]");
    assertThat(stats.get("status").asInt()).isEqualTo(200);
    Document statsXml = parse(stats.get("value").asText());
    NodeList routeStats = statsXml.getElementsByTagName("routeStat");
    List<String> statIds = new ArrayList<>();
    for (int i = 0; i < routeStats.getLength(); i++) {
      statIds.add(((Element) routeStats.item(i)).getAttribute("id"));
    }
    assertThat(statIds).containsAll(routeIds);
    assertThat(statsXml.getElementsByTagName("processorStat").getLength()).isGreaterThan(0);
    // the same with its signature, and per route and per step
    assertThat(
            exec(
                    context(),
                    "\"operation\":\"dumpRoutesStatsAsXml(boolean,boolean)\","
                        + "\"arguments\":[true,true]")
                .get("status")
                .asInt())
        .isEqualTo(200);
    assertThat(
            exec(
                    routeMBean("feedback-click"),
                    "\"operation\":\"dumpRouteStatsAsXml\",\"arguments\":[true,true]")
                .get("value")
                .asText())
        .contains("<routeStat id=\"feedback-click\"");
    assertThat(
            exec(context(), "\"operation\":\"dumpStepStatsAsXml(boolean)\",\"arguments\":[true]")
                .get("status")
                .asInt())
        .isEqualTo(200);
  }

  @Test
  void every_change_of_state_and_every_write_is_refused_and_the_routes_run_on() throws Exception {
    String route = JSON.writeValueAsString(routeMBean("feedback-click"));
    String context = JSON.writeValueAsString(context());
    String[] refused = {
      // RoutesService: the start/stop/delete buttons and the source editor
      "{\"type\":\"exec\",\"mbean\":" + route + ",\"operation\":\"stop()\"}",
      "{\"type\":\"exec\",\"mbean\":" + route + ",\"operation\":\"remove()\"}",
      "{\"type\":\"exec\",\"mbean\":"
          + route
          + ",\"operation\":\"updateRouteFromXml\",\"arguments\":[\"<route/>\"]}",
      "{\"type\":\"exec\",\"mbean\":"
          + route
          + ",\"operation\":\"reset(boolean)\","
          + "\"arguments\":[true]}",
      // the context: stop, suspend, send a message to an endpoint
      "{\"type\":\"exec\",\"mbean\":" + context + ",\"operation\":\"stop()\"}",
      "{\"type\":\"exec\",\"mbean\":" + context + ",\"operation\":\"suspend()\"}",
      "{\"type\":\"exec\",\"mbean\":"
          + context
          + ",\"operation\":\"sendStringBody(java.lang.String, java.lang.String)\","
          + "\"arguments\":[\"direct:cycle\",\"x\"]}",
      // a dump that would resolve placeholders, secrets among them
      "{\"type\":\"exec\",\"mbean\":"
          + context
          + ",\"operation\":\"dumpRoutesAsXml(boolean,boolean)\",\"arguments\":[true,true]}",
      // the JVM: a garbage collection, a thread dump
      "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc()\"}",
      "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Threading\","
          + "\"operation\":\"dumpAllThreads(boolean,boolean)\",\"arguments\":[false,false]}",
      // writes: tracing on a route, the statistics level of the context, the heap's verbosity
      "{\"type\":\"write\",\"mbean\":" + route + ",\"attribute\":\"Tracing\",\"value\":true}",
      "{\"type\":\"write\",\"mbean\":"
          + context
          + ",\"attribute\":\"StatisticsEnabled\",\"value\":false}",
      "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\","
          + "\"value\":true}"
    };
    for (String request : refused) {
      JsonNode answer = jolokia(request);
      assertThat(answer.get("status").asInt()).as(request).isEqualTo(403);
      assertThat(answer.get("error").asText())
          .as(request)
          .containsAnyOf("forbidden", "not allowed");
    }
    JsonNode state = jolokia("{\"type\":\"read\",\"mbean\":" + route + ",\"attribute\":\"State\"}");
    assertThat(state.get("value").asText()).isEqualTo("Started");
    JsonNode contextState =
        jolokia("{\"type\":\"read\",\"mbean\":" + context + ",\"attribute\":\"State\"}");
    assertThat(contextState.get("value").asText()).isEqualTo("Started");
    assertThat(
            run.get(
                    "http://127.0.0.1:" + run.managementPort + "/observe/health?exposureLevel=full",
                    Map.of())
                .body())
        .contains("{\"name\":\"route:feedback-click\",\"status\":\"UP\"}");
    // and the tracked-link route still answers on the public port (a forged token: not found)
    assertThat(run.get("http://127.0.0.1:" + run.httpPort + "/t/c/forged", Map.of()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void the_camel_cli_sees_the_running_hub() throws Exception {
    Path camelDir = home.resolve(".camel");
    Path status = null;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (status == null && System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(camelDir)) {
        status =
            files
                .filter(p -> p.getFileName().toString().endsWith("-status.json"))
                .findFirst()
                .orElse(null);
      } catch (java.nio.file.NoSuchFileException notYet) {
        // the connector creates the folder when it starts
      }
      Thread.sleep(250);
    }
    assertThat(status).as("a status file under ~/.camel").isNotNull();
    // what it writes there (messages, when traced or browsed) is the hub's user's alone
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(camelDir)))
        .isEqualTo("rwx------");
    // camel ps lists a process that has a status file named after its pid; NAME is the main class
    String pid = status.getFileName().toString().replace("-status.json", "");
    assertThat(Files.exists(camelDir.resolve(pid))).as("the lock file").isTrue();
    // rewritten every second: read until it tells of the started hub (a read may catch it half
    // written)
    JsonNode root = null;
    while (System.nanoTime() < deadline
        && (root == null || !"Started".equals(root.path("context").path("state").asText()))) {
      try {
        root = JSON.readTree(Files.readString(status, StandardCharsets.UTF_8));
      } catch (java.io.IOException halfWritten) {
        root = null;
      }
      Thread.sleep(250);
    }
    assertThat(root).isNotNull();
    assertThat(root.get("runtime").get("mainClass").asText()).isEqualTo("winback-hub");
    assertThat(root.get("context").get("name").asText()).isEqualTo("winback-hub");
    assertThat(root.get("context").get("state").asText()).isEqualTo("Started");
    // camel get route reads the routes of that file
    List<String> routes = new ArrayList<>();
    for (JsonNode r : root.get("routes")) {
      routes.add(r.get("routeId").asText());
      assertThat(r.get("state").asText()).as(r.get("routeId").asText()).isEqualTo("Started");
    }
    assertThat(routes).containsAll(routeIds());
  }

  private List<String> routeIds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode name :
        jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}")
            .get("value")) {
      String n = name.asText();
      int at = n.indexOf("name=\"") + 6;
      ids.add(n.substring(at, n.indexOf('"', at)));
    }
    return ids;
  }

  private String context() throws Exception {
    JsonNode found = jolokia("{\"type\":\"search\",\"mbean\":\"org.apache.camel:*\"}").get("value");
    for (JsonNode name : found) {
      if (name.asText().contains("type=context")) {
        return name.asText();
      }
    }
    throw new AssertionError("no Camel context in " + found);
  }

  private String routeMBean(String id) throws Exception {
    return jolokia(
            "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,name=\\\""
                + id
                + "\\\",*\"}")
        .get("value")
        .get(0)
        .asText();
  }

  private JsonNode exec(String mbean, String operation) throws Exception {
    return jolokia(
        "{\"type\":\"exec\",\"mbean\":"
            + JSON.writeValueAsString(mbean)
            + ","
            + operation
            + ",\"config\":"
            + OPTIONS
            + "}}");
  }

  /** A POST as Hawtio's Jolokia client sends it (method post, mimeType application/json). */
  private JsonNode jolokia(String request) throws Exception {
    HttpResponse<String> r = run.post(jolokia, request, Map.of("Content-Type", "application/json"));
    assertThat(r.statusCode()).as(request).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element route(NodeList routes, String id) {
    for (int i = 0; i < routes.getLength(); i++) {
      Element e = (Element) routes.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    throw new AssertionError("no route " + id);
  }
}
