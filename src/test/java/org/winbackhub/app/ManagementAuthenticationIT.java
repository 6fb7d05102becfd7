package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.testing.PackagedJar;
import org.winbackhub.testing.RunningHub;

/**
 * The management server bound beyond loopback with Camel's own basic authentication, set as
 * docs/OPERATIONS.md says ("Management security"): /observe/jolokia answers 401 without the
 * password and works with it (as Hawtio sends it, an Authorization header from its proxy),
 * Jolokia's restrictor still refuses what changes state, and the admin endpoints keep their own
 * token.
 */
class ManagementAuthenticationIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "mgmt-pass-8c1f3e9a27";
  static final String ADMIN_TOKEN = "admin-token-5b7d2e0c94";

  @Test
  void the_whole_management_server_asks_for_the_password_set_in_the_properties_file()
      throws Exception {
    Path hub = hubFolder();
    Files.writeString(
        hub.resolve("config/application.properties"),
        String.join(
            "\n",
            "",
            "camel.management.authentication-enabled = true",
            "camel.management.basic-properties-file = " + usersFile(hub),
            ""),
        StandardOpenOption.APPEND);
    try (RunningHub run = start(hub, Map.of())) {
      String base = "http://127.0.0.1:" + run.managementPort;
      String jolokia = base + "/observe/jolokia";

      HttpResponse<String> anonymous = post(run, jolokia, "{\"type\":\"version\"}", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertThat(post(run, jolokia, "{\"type\":\"version\"}", basic("ops", "wrong")).statusCode())
          .isEqualTo(401);
      assertThat(run.get(jolokia + "/version", Map.of()).statusCode()).isEqualTo(401);
      // health and metrics are behind the same password
      assertThat(run.get(base + "/observe/health", Map.of()).statusCode()).isEqualTo(401);
      assertThat(run.get(base + "/observe/metrics", Map.of()).statusCode()).isEqualTo(401);
      assertThat(
              run.get(base + "/observe/health", Map.of("Authorization", basic("ops", PASSWORD)))
                  .statusCode())
          .isEqualTo(200);

      String auth = basic("ops", PASSWORD);
      assertReadsButNoChanges(run, jolokia, auth);

      // the admin endpoints keep their token: the management password does not open them
      String explain = "http://127.0.0.1:" + run.httpPort + "/admin/contacts/nobody/explain";
      assertThat(run.get(explain, Map.of()).statusCode()).isEqualTo(401);
      assertThat(run.get(explain, Map.of("Authorization", auth)).statusCode()).isEqualTo(401);
      HttpResponse<String> withToken =
          run.get(explain, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
      assertThat(withToken.statusCode()).isEqualTo(404);
      assertThat(withToken.body()).contains("no classified contact");

      String log = run.log();
      assertThat(log).doesNotContain(PASSWORD).doesNotContain("without authentication");
    }
  }

  @Test
  void only_jolokia_asks_for_it_when_the_path_says_so_set_by_environment_variables()
      throws Exception {
    Path hub = hubFolder();
    Map<String, String> env = new HashMap<>();
    env.put("CAMEL_MANAGEMENT_AUTHENTICATION_ENABLED", "true");
    env.put("CAMEL_MANAGEMENT_BASIC_PROPERTIES_FILE", usersFile(hub).toString());
    env.put("CAMEL_MANAGEMENT_AUTHENTICATION_PATH", "/observe/jolokia/*");
    try (RunningHub run = start(hub, env)) {
      String base = "http://127.0.0.1:" + run.managementPort;
      String jolokia = base + "/observe/jolokia";
      assertThat(post(run, jolokia, "{\"type\":\"version\"}", null).statusCode()).isEqualTo(401);
      assertThat(run.get(jolokia + "/version", Map.of()).statusCode()).isEqualTo(401);
      assertThat(run.get(base + "/observe/health", Map.of()).statusCode()).isEqualTo(200);
      assertReadsButNoChanges(run, jolokia, basic("ops", PASSWORD));
    }
  }

  /** With the password: Hawtio's list and route dump work, a route stop is still refused. */
  private static void assertReadsButNoChanges(RunningHub run, String jolokia, String auth)
      throws Exception {
    JsonNode list =
        JSON.readTree(
            post(
                    run,
                    jolokia,
                    "{\"type\":\"list\",\"config\":{\"maxDepth\":9,\"ignoreErrors\":true,"
                        + "\"canonicalNaming\":false}}",
                    auth)
                .body());
    assertThat(list.get("status").asInt()).isEqualTo(200);
    assertThat(list.get("value").has("org.apache.camel")).isTrue();
    String context =
        JSON.readTree(
                post(
                        run,
                        jolokia,
                        "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=context,*\"}",
                        auth)
                    .body())
            .get("value")
            .get(0)
            .asText();
    JsonNode routes =
        JSON.readTree(
            post(
                    run,
                    jolokia,
                    "{\"type\":\"exec\",\"mbean\":"
                        + JSON.writeValueAsString(context)
                        + ",\"operation\":\"dumpRoutesAsXml()\"}",
                    auth)
                .body());
    assertThat(routes.get("value").asText()).contains("id=\"feedback-click\"");
    String route =
        JSON.readTree(
                post(
                        run,
                        jolokia,
                        "{\"type\":\"search\",\"mbean\":"
                            + "\"org.apache.camel:type=routes,name=\\\"feedback-click\\\",*\"}",
                        auth)
                    .body())
            .get("value")
            .get(0)
            .asText();
    JsonNode stop =
        JSON.readTree(
            post(
                    run,
                    jolokia,
                    "{\"type\":\"exec\",\"mbean\":"
                        + JSON.writeValueAsString(route)
                        + ",\"operation\":\"stop()\"}",
                    auth)
                .body());
    assertThat(stop.get("status").asInt()).isEqualTo(403);
    JsonNode state =
        JSON.readTree(
            post(
                    run,
                    jolokia,
                    "{\"type\":\"read\",\"mbean\":"
                        + JSON.writeValueAsString(route)
                        + ",\"attribute\":\"State\"}",
                    auth)
                .body());
    assertThat(state.get("value").asText()).isEqualTo("Started");
  }

  private static Path hubFolder() throws Exception {
    Path hub = Files.createTempDirectory("winback-mgmt-auth-");
    PackagedJar.copyHubFolder(hub);
    return hub;
  }

  /** The users file as docs/OPERATIONS.md has it written: owner-only, outside config/. */
  private static Path usersFile(Path hub) throws Exception {
    Path file = hub.resolve("management-users.properties");
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, "user.ops = " + PASSWORD + "\n", StandardCharsets.UTF_8);
    return file;
  }

  /** The hub with its management server on every address, as a server reached over a network. */
  private static RunningHub start(Path hub, Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("HUB_MANAGEMENT_HOST", "0.0.0.0");
    all.put("HUB_ADMIN_TOKEN", ADMIN_TOKEN);
    all.put("HUB_MANAGEMENT_CLI_CONNECTOR", "false");
    RunningHub run = RunningHub.start(hub, all);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            run.get(
                "http://127.0.0.1:" + run.managementPort + "/observe/health",
                Map.of("Authorization", basic("ops", PASSWORD)));
        if (r.statusCode() == 200) {
          return run;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    run.close();
    throw new AssertionError("the hub did not come up:\n" + run.log());
  }

  private static HttpResponse<String> post(RunningHub run, String url, String body, String auth)
      throws Exception {
    Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
    if (auth != null) {
      headers.put("Authorization", auth);
    }
    return run.post(url, body, headers);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
