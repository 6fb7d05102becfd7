package org.winbackhub.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.EmailMessage;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.journey.Journey;
import org.winbackhub.journey.JourneyPlanner;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.store.Database;
import org.winbackhub.store.EnrollmentRepository;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.Migrations;
import org.winbackhub.store.OutboxRepository;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * bench/run dispatch: plans one email journey step for N lapsed contacts (the real planner, on
 * PostgreSQL) and has the packaged hub ({@code run}) send them through its SMTP channel route to a
 * local SMTP server; the baseline is a plain JavaMail loop sending the same rendered messages to
 * the same server with as many threads as the hub sends at once, each reusing one connection. Both
 * are timed by the server, from the first message to the last.
 */
public final class DispatchBench {
  static final String SCHEMA = "bench_dispatch";
  static final String TEMPLATE = "email/we-miss-you";
  static final String SUBJECT = "{{first_name|Hola}}, te echamos de menos";

  public static void main(String[] args) throws Exception {
    int contacts = 100_000;
    int threads = 8;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--contacts" -> contacts = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SourcesBench.HeapPeak heap = new SourcesBench.HeapPeak();
    heap.start();
    try (HikariDataSource admin = SourcesBench.pool("public")) {
      SourcesBench.exec(
          admin, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
    }
    double planSeconds;
    List<OutboxMessage> planned;
    try (HikariDataSource ds = store()) {
      Migrations.migrate(ds);
      generate(ds, contacts);
      Database db = new Database(ds);
      Journey journey =
          new Journey(
              "bench-dispatch",
              "bench",
              new Journey.Audience(List.of(Lifecycle.LAPSED), Channel.EMAIL),
              null,
              List.of(
                  new Journey.Step(
                      "s1",
                      TimeSpan.parse("P0D"),
                      new Journey.Send(Channel.EMAIL, TEMPLATE, SUBJECT))),
              null);
      JourneyPlanner planner =
          new JourneyPlanner(
              db,
              new EnrollmentRepository(db),
              new OutboxRepository(db, new EventRepository(db)),
              List.of(journey),
              ZoneId.of("Europe/Madrid"),
              Clock.systemUTC());
      long t = System.nanoTime();
      JourneyPlanner.Result result = planner.plan(journey);
      planSeconds = (System.nanoTime() - t) / 1e9;
      System.out.printf("planned in %.1f s: %s%n", planSeconds, result);
      planned = pending(ds);
    }

    try (SmtpSink sink = new SmtpSink()) {
      double hub = hub(sink, contacts, threads);
      System.out.printf(
          "hub: %,d messages in %.1f s over %d SMTP connections: %,.0f messages/s%n",
          sink.messages(), sink.seconds(), sink.connections(), hub);
      sink.reset();
      double base = baseline(sink, planned, threads);
      System.out.printf(
          "baseline (JavaMail, %d threads, one connection each): %,d messages in %.1f s: %,.0f"
              + " messages/s%n",
          threads, sink.messages(), sink.seconds(), base);
      heap.stopSampling();
      System.out.printf("peak heap of this process: %d MB%n", heap.peakMb());
      System.out.printf(
          "RESULT name=dispatch throughput=%.0f baseline=%.0f ratio=%.2f plan_s=%.1f%n",
          hub, base, hub / base, planSeconds);
    }
  }

  /** The store as the hub opens it (no batch rewriting: the planner counts the rows it wrote). */
  static HikariDataSource store() {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(storeUrl());
    c.setUsername(System.getenv().getOrDefault("HUB_BENCH_PG_USER", "postgres"));
    c.setMaximumPoolSize(4);
    return new HikariDataSource(c);
  }

  static String storeUrl() {
    return SourcesBench.SERVER
        + (SourcesBench.SERVER.contains("?") ? "&" : "?")
        + "currentSchema="
        + SCHEMA;
  }

  /** N lapsed, reachable contacts with their facts, as a segment run leaves them. */
  static void generate(HikariDataSource ds, int n) throws Exception {
    SourcesBench.exec(
        ds,
        "INSERT INTO contact (id, email, email_key, first_name, last_name, email_consent,"
            + " created_at, updated_at) SELECT i, 'customer' || i || '@example.com', 'customer'"
            + " || i || '@example.com', 'First' || (i % 997), 'Last' || (i % 991), 'GRANTED',"
            + " now(), now() FROM generate_series(1, "
            + n
            + ") i",
        "INSERT INTO contact_fact (contact_id, purchase_count, total_spend, complaint_count,"
            + " lifecycle, lifecycle_reason, lifecycle_since, computed_at, value_score) SELECT i,"
            + " 3, 120, 0, 'LAPSED', 'bench', now(), now(), 50 FROM generate_series(1, "
            + n
            + ") i",
        "ANALYZE");
  }

  static List<OutboxMessage> pending(HikariDataSource ds) throws Exception {
    List<OutboxMessage> rows = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, idempotency_key, contact_id, journey_id, step_id, recipient, template,"
                    + " subject, variant, offer FROM outbox ORDER BY id")) {
      while (rs.next()) {
        rows.add(
            new OutboxMessage(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                Channel.EMAIL,
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                0));
      }
    }
    return rows;
  }

  /** The packaged hub's {@code run}, until the server has every message; its messages/s. */
  static double hub(SmtpSink sink, int contacts, int threads) throws Exception {
    Path folder = Files.createTempDirectory("bench-dispatch-hub");
    for (String dir : List.of("config", "routes")) {
      try (Stream<Path> walk = Files.walk(Path.of(dir))) {
        for (Path p : walk.toList()) {
          Path to = folder.resolve(p.toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
    }
    Files.writeString(
        folder.resolve("config/application.properties"),
        String.join(
            "\n",
            "",
            "hub.store.url = " + storeUrl(),
            "hub.store.user = " + System.getenv().getOrDefault("HUB_BENCH_PG_USER", "postgres"),
            "hub.smtp.host = 127.0.0.1",
            "hub.smtp.port = " + sink.port(),
            "hub.outbox.concurrency = " + threads,
            "hub.outbox.poll-ms = 200",
            "hub.cycle.enabled = false",
            "hub.http.host = 127.0.0.1",
            "hub.http.port = " + freePort(),
            "hub.management.port = " + freePort(),
            "hub.management.cli-connector = false",
            "hub.tracking.secret = bench-secret-bench-secret-bench-secret",
            ""),
        StandardOpenOption.APPEND);
    Path jar = Path.of(System.getProperty("bench.jar", "target/winback-hub.jar")).toAbsolutePath();
    Path log = folder.resolve("hub.log");
    Process p =
        new ProcessBuilder("java", "-Xmx1g", "-jar", jar.toString(), "run")
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long deadline = System.currentTimeMillis() + 30 * 60_000L;
      while (sink.messages() < contacts) {
        if (!p.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "the hub stopped or timed out after "
                  + sink.messages()
                  + " messages; its log: "
                  + log);
        }
        Thread.sleep(100);
      }
    } finally {
      p.destroy();
      p.waitFor();
    }
    return sink.messages() / sink.seconds();
  }

  static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The same rendered messages through plain JavaMail: {@code threads} connections, kept open. */
  static double baseline(SmtpSink sink, List<OutboxMessage> rows, int threads) throws Exception {
    EmailComposer composer =
        new EmailComposer(
            new TemplateStore(Path.of("config/templates")),
            new TrackingToken("bench-secret-bench-secret-bench-secret"),
            new LinkTargets(
                "http://localhost:8080",
                Map.of(
                    "shop", "https://shop.example.com/",
                    "offer", "https://shop.example.com/offers/welcome-back")),
            "Tienda Ejemplo <hola@tienda.example>");
    List<EmailMessage> rendered = new ArrayList<>(rows.size());
    for (OutboxMessage m : rows) {
      int n = (int) m.contactId();
      rendered.add(
          composer.compose(
              m,
              new Contact(
                  m.contactId(),
                  m.recipient(),
                  null,
                  "First" + (n % 997),
                  "Last" + (n % 991),
                  Consent.GRANTED,
                  null,
                  null)));
    }
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(sink.port()));
    Session session = Session.getInstance(props);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      done.add(
          pool.submit(
              () -> {
                try (Transport transport = session.getTransport("smtp")) {
                  transport.connect();
                  for (int i = first; i < rendered.size(); i += threads) {
                    EmailMessage e = rendered.get(i);
                    MimeMessage mime = new MimeMessage(session);
                    mime.setFrom(new InternetAddress(e.from()));
                    mime.setRecipient(Message.RecipientType.TO, new InternetAddress(e.to()));
                    mime.setSubject(e.subject(), "UTF-8");
                    MimeMultipart alternative = new MimeMultipart("alternative");
                    MimeBodyPart text = new MimeBodyPart();
                    text.setText(e.text(), "UTF-8");
                    MimeBodyPart html = new MimeBodyPart();
                    html.setContent(e.html(), "text/html; charset=UTF-8");
                    alternative.addBodyPart(text);
                    alternative.addBodyPart(html);
                    mime.setContent(alternative);
                    mime.saveChanges();
                    transport.sendMessage(mime, mime.getAllRecipients());
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return sink.messages() / sink.seconds();
  }
}
