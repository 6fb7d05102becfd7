package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.winbackhub.store.TestStores;
import org.winbackhub.testing.HubPeers;

/**
 * What whole-app tests share: the booted hub's Camel context, its peers, and ways to look into the
 * store and talk HTTP to the hub as a user would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HubAppTest {
  static final String HEADER =
      "card_id,first_name,last_name,email,phone,email_opt_out,transaction_id,type,occurred_at,amount,currency";
  private static final Pattern LINK =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/t/c/[A-Za-z0-9_.-]+)");

  @BeanInject CamelContext camel;

  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The peers of this class's hub: started before it boots, closed after its last test. */
  HubPeers peers;

  /** The peers to start; by default a hub on the embedded store, an H2 file in its data folder. */
  HubPeers newPeers() throws Exception {
    return HubPeers.h2();
  }

  /** Before the subclass's own {@code @BeforeAll}, and before the hub boots (before each test). */
  @BeforeAll
  void startPeers() throws Exception {
    peers = newPeers();
  }

  /** After the subclass's own {@code @AfterAll}. */
  @AfterAll
  void closePeers() {
    peers.close();
  }

  HubPeers peers() {
    return peers;
  }

  static String ago(int days) {
    return Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String firstExport() {
    return String.join(
            "\n",
            HEADER,
            "C1,Ana,Alba,ana@example.com,,no,T1,purchase," + ago(10) + ",20.00,EUR",
            "C2,Blas,Bravo,BLAS@Example.com,,no,T2,purchase," + ago(200) + ",35.50,EUR",
            "C2,Blas,Bravo,blas@example.com,,no,T3,purchase," + ago(150) + ",12.00,EUR",
            "C3,Carla,Cano,carla@example.com,,yes,T4,purchase," + ago(150) + ",40.00,EUR",
            "C4,Darío,Díaz,dario@example.com,,no,T5,purchase," + ago(420) + ",15.00,EUR",
            "C5,Eva,Esteban,eva@example.com,,no,,signup," + ago(300) + ",,",
            "C6,Fede,Fuentes,fede@example.com,,no,T6,purchase," + ago(200) + ",22.00,EUR",
            "C7,Gala,Gómez,gala@example.com,612 345 678,no,T7,visit," + ago(100) + ",,",
            "C8,,,,+34612345678,no,T8,purchase," + ago(95) + ",18.00,EUR",
            "C9,Hugo,Hierro,hugo@@example.com,,no,T9,purchase," + ago(90) + ",9.00,EUR",
            "C10,Inés,Ibáñez,ines@example.com,,no,T10,purchase,31/02/2025,9.00,EUR",
            "C11,Juan,Jara,juan@example.com,no,T11,purchase")
        + "\n";
  }

  /**
   * A copy of the shipped config/ in the data folder, for a test that adds to it; the hub reads it
   * once {@code hub.config-dir} names it.
   */
  Path copyShippedConfig() throws IOException {
    Path config = peers.dataDir.resolve("config");
    try (Stream<Path> files = Files.walk(Path.of("config"))) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = config.resolve(Path.of("config").relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return config;
  }

  void drop(String name, String content) throws Exception {
    Path staging = peers().dataDir.resolve("staging");
    Files.createDirectories(staging);
    Path tmp = staging.resolve(name);
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, peers().inbox.resolve(name));
  }

  void dropAndWait(String name, String content) throws Exception {
    NotifyBuilder done =
        new NotifyBuilder(camel).fromRoute("source-loyalty-files").whenDone(1).create();
    drop(name, content);
    assertThat(done.matches(30, TimeUnit.SECONDS)).as("file %s taken in", name).isTrue();
  }

  void runCycle() {
    camel.createProducerTemplate().requestBody("direct:cycle", (Object) "");
  }

  List<Map<String, Object>> query(String sql) throws Exception {
    return TestStores.rows(
        camel.getRegistry().lookupByNameAndType("hubDataSource", DataSource.class), sql);
  }

  void execute(String sql) throws Exception {
    DataSource ds = camel.getRegistry().lookupByNameAndType("hubDataSource", DataSource.class);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  /** Waits up to 20 s for a count the hub reaches asynchronously, then asserts it. */
  void awaitCount(String sql, long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (count(sql) != expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(count(sql)).as(sql).isEqualTo(expected);
  }

  long count(String sql) throws Exception {
    return ((Number) query(sql).get(0).values().iterator().next()).longValue();
  }

  Set<String> recipients() throws Exception {
    Set<String> to = new TreeSet<>();
    for (MimeMessage m : peers().smtp.getReceivedMessages()) {
      to.add(m.getAllRecipients()[0].toString());
    }
    return to;
  }

  /** /observe/health at full exposure, as an operator's probe reads it. */
  String health() throws Exception {
    return get("http://127.0.0.1:" + peers().managementPort + "/observe/health?exposureLevel=full")
        .body();
  }

  /** {@link #health()} once it contains {@code text}, or as it is after {@code seconds}. */
  String healthOnceItHas(String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String body = health();
    while (!body.contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      body = health();
    }
    return body;
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String trackedLink(MimeMessage m) {
    String whole = GreenMailUtil.getWholeMessage(m).replace("=\r\n", "").replace("=3D", "=");
    Matcher matcher = LINK.matcher(whole);
    assertThat(matcher.find()).as("a tracked link in the email").isTrue();
    return matcher.group(1);
  }
}
