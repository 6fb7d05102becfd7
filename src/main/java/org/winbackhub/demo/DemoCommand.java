package org.winbackhub.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.winbackhub.app.HubApplication;
import org.winbackhub.app.HubBeans;
import org.winbackhub.app.HubShutdown;
import org.winbackhub.app.Logs;
import org.winbackhub.app.OutboxHeartbeat;
import org.winbackhub.model.Channel;
import org.winbackhub.model.EmailAddress;
import org.winbackhub.model.Masked;
import org.winbackhub.report.CycleSummary;
import org.winbackhub.report.SummaryReport;
import org.winbackhub.segment.Explainer;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.OutboxRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One full win-back cycle on the embedded default, with its own peers: an H2 store, a GreenMail
 * SMTP server and {@link LocalPeers} (SendGrid, Twilio, Kannel, a JSON gateway, an SMSC) in this
 * process, a generated loyalty export, real HTTP clicks, one customer buying again. Prints a
 * summary and exits 0 when every stage did its part.
 */
@Command(
    name = "demo",
    header = "Runs one full cycle with its own peers and prints a summary.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one full cycle on the embedded default with no service installed: generates a loyalty",
      "export (fixed seed), takes it in, segments, sends the win-back emails and SMS to in-process",
      "peers (SMTP, SendGrid, Twilio, Kannel, a JSON gateway, an SMSC), clicks a few tracked links",
      "over HTTP, has one customer buy again, prints a summary.",
      "Keeps its store and files in data/demo (wiped at the start)."
    })
public final class DemoCommand implements Callable<Integer> {
  /**
   * How the demo spreads its messages over the providers: one email journey through SendGrid (a
   * separate stream for the oldest addresses), SMS by country (Spain over SMPP straight to an SMSC,
   * France through Kannel, Italy through a JSON gateway, the rest through Twilio), and SMS at any
   * hour so the demo sends them whenever it runs (shipped: 08:00-21:00 recipient time).
   */
  static final Map<String, String> ROUTES =
      Map.of(
          "hub.email.routes", "winback-tier-3-dormant=sendgrid",
          "hub.sms.provider", "twilio",
          "hub.sms.routes", "+34=smpp, +33=kannel, +39=http-json",
          "hub.sms.from", "Tienda",
          "hub.send-window.sms", "any");

  @Option(
      names = "--customers",
      defaultValue = "1200",
      description = "How many customers to generate (default ${DEFAULT-VALUE}).")
  int customers;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed of the generated data (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--clicks",
      defaultValue = "5",
      description = "How many recipients click their link (default ${DEFAULT-VALUE}).")
  int clicks;

  @Option(
      names = "--dir",
      defaultValue = "data/demo",
      description = "Working folder, wiped first (default ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    // keep the routes' own log lines, drop the boot chatter and the outbox sender's start and stop
    Logs.quiet("org.apache.camel", OutboxHeartbeat.class.getName(), HubShutdown.class.getName());
    Path home = dir.toAbsolutePath().normalize();
    DemoFolder.wipe(home);
    Path inbox = home.resolve("inbox/loyalty");
    int smtpPort = freePort();
    int httpPort = freePort();
    int managementPort = freePort();

    GreenMail smtp =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    LocalPeers peers = LocalPeers.start();
    Main main = null;
    try {
      DemoData data = new DemoData(seed, ZonedDateTime.now(ZoneId.of("Europe/Madrid")));
      DemoData.Export export =
          DemoFolder.drop(inbox, "loyalty-export.csv", f -> data.write(f, customers));
      System.out.printf(
          "generated %d customers (%s) in %d rows, %d of them malformed%n",
          export.customers().size(), export.byKind(), export.rows(), export.malformed());

      Map<String, String> props = new LinkedHashMap<>();
      props.put("hub.data-dir", home.toString());
      props.put(
          "hub.store.url",
          "jdbc:h2:file:"
              + home.resolve("hub")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
      props.put("hub.loyalty.inbox", inbox.toString());
      props.put("hub.loyalty.poll-ms", "300");
      props.put("hub.smtp.host", "127.0.0.1");
      props.put("hub.smtp.port", String.valueOf(smtpPort));
      props.put("hub.public-url", "http://127.0.0.1:" + httpPort);
      props.put("hub.outbox.poll-ms", "200");
      props.put("hub.cycle.enabled", "false");
      props.put("hub.http.host", "127.0.0.1");
      props.put("hub.http.port", String.valueOf(httpPort));
      props.put("hub.management.port", String.valueOf(managementPort));
      props.putAll(peers.hubProperties());
      props.putAll(ROUTES);
      main = HubApplication.create(null, props);
      main.start();
      CamelContext camel = main.getCamelContext();
      SummaryReport report = HubBeans.bean(camel, SummaryReport.class);
      ProducerTemplate producer = camel.createProducerTemplate();

      NotifyBuilder firstFile =
          new NotifyBuilder(camel).fromRoute("source-loyalty-files").whenDone(1).create();
      require(
          firstFile.matches(60, TimeUnit.SECONDS),
          "the loyalty export was not taken in within 60 s");
      int past = PastNewsletters.record(camel, data.newsletters(export.customers(), 9));
      System.out.printf("recorded %d newsletters the shop sent in the last 9 months%n", past);
      producer.requestBody("direct:cycle", (Object) "");
      OutboxRepository outbox = HubBeans.bean(camel, OutboxRepository.class);
      require(await(() -> drained(outbox), 60), "the outbox did not drain within 60 s");
      System.out.printf(
          "sent %d emails to the local SMTP server%n", smtp.getReceivedMessages().length);
      printProviders(outbox, peers, smtp);

      List<String[]> clicked = LinkClicks.clickSome(smtp.getReceivedMessages(), clicks);
      for (String[] c : clicked) {
        System.out.printf("  click by %s -> HTTP %s, redirected to %s%n", mask(c[0]), c[1], c[2]);
      }
      require(!clicked.isEmpty(), "no tracked link could be clicked");

      String buyer = clicked.get(0)[0];
      DemoData.Customer customer =
          export.customers().stream()
              .filter(
                  c ->
                      c.email() != null
                          && EmailAddress.key(c.email()).equals(EmailAddress.key(buyer)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "demo failed: the clicker is no customer of the export"));
      NotifyBuilder secondFile =
          new NotifyBuilder(camel).fromRoute("source-loyalty-files").whenDone(1).create();
      DemoFolder.drop(
          inbox,
          "loyalty-next-day.csv",
          f -> {
            DemoData.writePurchase(
                f, customer, LocalDateTime.now(ZoneId.of("Europe/Madrid")), "54.90");
            return null;
          });
      require(
          secondFile.matches(60, TimeUnit.SECONDS),
          "the follow-up export was not taken in within 60 s");
      System.out.printf("  %s bought again (card %s)%n", mask(buyer), customer.cardId());
      producer.requestBody("direct:cycle", (Object) "");
      // a clicker may have moved to another tier and into its journey: its first mail goes too
      require(
          await(() -> drained(outbox), 60),
          "the email outbox did not drain after the second cycle within 60 s");

      CycleSummary summary = report.read(10);
      System.out.println();
      System.out.print(summary.text());
      FactRepository facts = HubBeans.bean(camel, FactRepository.class);
      Explainer explainer = HubBeans.bean(camel, Explainer.class);
      for (String tier : List.of("AT_RISK", "LAPSED")) {
        facts
            .example(tier)
            .flatMap(explainer::explain)
            .ifPresent(
                e -> {
                  System.out.printf(
                      "%nwhy contact %d is %s (java -jar target/winback-hub.jar explain %d):%n",
                      e.contactId(), e.lifecycle(), e.contactId());
                  System.out.print(e.text().indent(2));
                });
      }
      System.out.printf("demo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
      require(summary.sent("email") > 0, "no email was sent");
      require(summary.sent("sms") > 0, "no SMS was sent");
      require(summary.clicks() > 0, "no click was recorded");
      require(summary.reactivated() >= 1, "nobody was reactivated");
      return 0;
    } finally {
      if (main != null) {
        main.stop();
      }
      peers.close();
      smtp.stop();
    }
  }

  /** No message due now is left to send (one the cap holds for later may wait). */
  private static boolean drained(OutboxRepository outbox) {
    Instant now = Instant.now();
    return outbox.countDue(Channel.EMAIL, now) == 0 && outbox.countDue(Channel.SMS, now) == 0;
  }

  /**
   * The messages the hub handed to each provider, as its outbox records them, beside what each
   * local peer says it took; fails the demo when they differ.
   */
  private static void printProviders(OutboxRepository outbox, LocalPeers peers, GreenMail smtp) {
    Map<String, Integer> took = new LinkedHashMap<>(peers.received());
    took.put("smtp", smtp.getReceivedMessages().length);
    System.out.println("messages per channel and provider (outbox, and what the local peer took):");
    for (Map.Entry<String, Long> e : outbox.countByProvider().entrySet()) {
      String[] k = e.getKey().split(":");
      int peer = took.getOrDefault(k[1], 0);
      System.out.printf(
          "  %-6s %-10s %-9s %5d   peer took %d%n", k[0], k[1], k[2], e.getValue(), peer);
      require(
          !k[2].equals("SENT") || peer == e.getValue(),
          k[1] + " took " + peer + " messages, the outbox says " + e.getValue() + " were sent");
    }
  }

  private static boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  private static void require(boolean ok, String failure) {
    if (!ok) {
      throw new IllegalStateException("demo failed: " + failure);
    }
  }

  static String mask(String email) {
    return Masked.email(email);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
