package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.winbackhub.journey.Holdout;
import org.winbackhub.testing.HubPeers;
import org.winbackhub.testing.PackagedJar;
import org.winbackhub.testing.ScriptedSmtp;

/**
 * The send ledger as a careless operator tries it (docs/RELIABILITY.md): a campaign to thousands of
 * lapsed customers of a loyalty export (10,000 messages on PostgreSQL, 1,700 on H2), planned by the
 * real cycle and sent by the packaged jar to a slow SMTP server that keeps every delivery by
 * recipient and Message-ID. The hub is stopped with SIGTERM mid-send, then killed with kill -9
 * mid-send twice, and restarted each time. Subclasses pick the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SendLedgerScenario {
  /** How many customers the campaign goes to (each gets one message). */
  private final int customers;

  SendLedgerScenario(int customers) {
    this.customers = customers;
  }

  /** hub.outbox.concurrency as shipped: what a sender holds at most, in flight or about to be. */
  static final int IN_FLIGHT = 8;

  private static final Pattern TAKEOVER =
      Pattern.compile(
          "(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*took over the claims of stopped senders \\[(.*)]:"
              + " (\\d+) back to PENDING, (\\d+) UNCERTAIN");

  Path hub;
  ScriptedSmtp smtp;
  Process running;
  int runs;
  final Set<String> optedOut = new HashSet<>();
  final Set<String> suppressed = new HashSet<>();
  final Set<String> blockedMidCampaign = new HashSet<>();

  /** Environment that points the hub at this store. */
  abstract Map<String, String> storeEnv();

  /** A connection to the store (on H2 only while no hub runs). */
  abstract Connection connect() throws SQLException;

  /** Creates the store's tables, as the hub would. */
  abstract void migrate() throws Exception;

  abstract String store();

  @BeforeAll
  void campaign() throws Exception {
    hub = Files.createTempDirectory("winback-ledger-");
    PackagedJar.copyHubFolder(hub);
    Path inbox = Files.createDirectories(hub.resolve("data/inbox/loyalty"));
    StringBuilder export = new StringBuilder(HubAppTest.HEADER).append('\n');
    for (int i = 0; i < customers; i++) {
      String email = email(i);
      boolean optOut = i % 40 == 7;
      if (optOut) {
        optedOut.add(email);
      } else if (i % 100 == 13) {
        suppressed.add(email);
      }
      export.append(
          String.format(
              "LC%06d,Cliente%d,Prueba,%s,,%s,T%06d,purchase,%s,25.00,EUR%n",
              i, i, email, optOut ? "yes" : "no", i, HubAppTest.ago(150)));
    }
    Files.writeString(inbox.resolve("campaign.csv"), export);
    migrate();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO suppression (channel, address, reason, source, created_at)"
                    + " VALUES ('email', ?, 'UNSUBSCRIBED', 'test', CURRENT_TIMESTAMP)")) {
      for (String email : suppressed) {
        ps.setString(1, email);
        ps.executeUpdate();
      }
    }
    smtp = new ScriptedSmtp();
    smtp.answerDelayMs = 20;
  }

  /** How long the rest may take after the last restart: a minute, more for a larger campaign. */
  private Duration within() {
    return Duration.ofSeconds(Math.max(60, customers / 100));
  }

  @AfterAll
  void stopPeers() throws Exception {
    if (running != null) {
      running.destroyForcibly().waitFor();
    }
    smtp.close();
  }

  @Test
  @Order(1)
  void a_stop_mid_send_records_every_message_the_smtp_server_accepted_as_sent() throws Exception {
    start(Map.of("HUB_CYCLE_CRON", "0/2 * * * * ?"));
    awaitDeliveries(customers / 8, Duration.ofSeconds(120 + customers / 50));
    Instant stop = Instant.now();
    running.destroy(); // SIGTERM
    assertThat(running.waitFor(40, TimeUnit.SECONDS))
        .as("stops within the shutdown timeout")
        .isTrue();
    double took = Duration.between(stop, Instant.now()).toMillis() / 1000.0;

    assertThat(log(runs))
        .as("claims released, then the store closed")
        .containsPattern(
            "(?s)outbox sender \\S+ stopped: \\d+ claimed messages back to PENDING.*store"
                + " closed.*is shutdown");
    Map<String, String> status = statusByRecipient();
    assertThat(status.values())
        .as("nothing left claimed or half-sent")
        .doesNotContain("CLAIMED", "SENDING");
    Set<String> accepted = deliveredRecipients();
    assertThat(recipientsIn(status, "SENT"))
        .as("every message the SMTP server accepted is SENT")
        .isEqualTo(accepted);
    System.out.printf(
        "ledger %s, SIGTERM: %d accepted and SENT, %d after the signal, stopped in %.1f s, 0"
            + " SENDING%n",
        store(),
        accepted.size(),
        smtp.deliveries.stream().filter(d -> d.at().isAfter(stop)).count(),
        took);
  }

  @Test
  @Order(2)
  void killed_twice_mid_send_nobody_gets_a_message_twice_and_the_rest_goes_out_soon_after()
      throws Exception {
    List<String> figures = new ArrayList<>();
    Set<String> sendingAtKills = new HashSet<>();
    Map<String, Long> held = Map.of();
    LocalTime killedAt = null;
    Map<String, String> noCycle = Map.of("HUB_CYCLE_ENABLED", "false");
    Set<String> holding = Set.of();
    for (int kill = 1; kill <= 2; kill++) {
      int before = smtp.deliveries.size();
      Instant started = start(noCycle);
      // each run sends about a fifth of the campaign before it is killed
      awaitDeliveries(before + customers * 9 / 40, Duration.ofSeconds(90 + customers / 50));
      running.destroyForcibly(); // kill -9
      running.waitFor();
      killedAt = LocalTime.now();
      // held: what this dead sender (and one killed before, its lease not yet run out) claimed or
      // was sending
      Map<String, Long> bySender =
          count(
              "SELECT claimed_by, COUNT(*) FROM outbox WHERE status IN ('CLAIMED', 'SENDING') GROUP"
                  + " BY claimed_by");
      holding = bySender.keySet();
      assertThat(bySender)
          .as("each dead sender held at most what it sends at once")
          .allSatisfy((sender, n) -> assertThat(n).as(sender).isLessThanOrEqualTo(IN_FLIGHT));
      held =
          count(
              "SELECT status, COUNT(*) FROM outbox WHERE status IN ('CLAIMED', 'SENDING') GROUP BY"
                  + " status");
      sendingAtKills.addAll(column("SELECT recipient FROM outbox WHERE status = 'SENDING'"));
      figures.add(
          String.format(
              "kill %d, %.0f s after the start, %d delivered: %s held",
              kill,
              Duration.between(started, Instant.now()).toMillis() / 1000.0,
              smtp.deliveries.size(),
              held));
      blockSomeWaitingRecipients();
    }
    long toSend =
        column("SELECT recipient FROM outbox WHERE status IN ('PENDING', 'CLAIMED')").stream()
            .filter(to -> !blockedMidCampaign.contains(to))
            .count();
    int before = smtp.deliveries.size();
    Instant restart = start(noCycle);
    awaitDeliveries(before + (int) toSend, within());
    // a sender killed a few seconds after it started still holds its claims for its lease: wait
    // until the restarted hub has taken over every dead sender that held rows before stopping it
    // (read from its log: the H2 file is the running hub's alone)
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!takenOver(log(runs)).containsAll(holding) && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    Thread.sleep(1000); // anything more would be a message twice
    running.destroy();
    assertThat(running.waitFor(40, TimeUnit.SECONDS)).isTrue();

    Matcher m = TAKEOVER.matcher(log(runs));
    long requeued = 0;
    long uncertain = 0;
    LocalTime takenAt = null;
    while (m.find()) {
      takenAt = takenAt == null ? LocalTime.parse(m.group(1)) : takenAt;
      requeued += Long.parseLong(m.group(3));
      uncertain += Long.parseLong(m.group(4));
    }
    assertThat(List.of(requeued, uncertain))
        .as("the restart took over what the dead held: back to PENDING, UNCERTAIN")
        .containsExactly(held.getOrDefault("CLAIMED", 0L), held.getOrDefault("SENDING", 0L));
    assertThat(takenAt).as("taken over").isNotNull();
    figures.add(
        String.format(
            "restart: what the dead held taken over %.1f s after the last kill",
            Duration.between(killedAt, takenAt).toMillis() / 1000.0));

    Instant last = smtp.deliveries.get(smtp.deliveries.size() - 1).at();
    assertThat(Duration.between(restart, last))
        .as("the rest went out within %s of the restart", within())
        .isLessThan(within());
    Map<String, Long> perRecipient =
        smtp.deliveries.stream()
            .collect(
                Collectors.groupingBy(ScriptedSmtp.Delivery::recipient, Collectors.counting()));
    Map<String, Long> perMessageId =
        smtp.deliveries.stream()
            .collect(
                Collectors.groupingBy(ScriptedSmtp.Delivery::messageId, Collectors.counting()));
    assertThat(perRecipient)
        .as("nobody got the campaign twice")
        .allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1L));
    assertThat(perMessageId)
        .as("no message went twice")
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));

    Map<String, String> status = statusByRecipient();
    assertThat(status.keySet())
        .as("the planner queued every eligible customer")
        .isEqualTo(eligible());
    assertThat(status.values())
        .as("nothing left behind")
        .doesNotContain("PENDING", "CLAIMED", "SENDING", "FAILED");
    Set<String> sent = recipientsIn(status, "SENT");
    assertThat(sent).as("SENT: delivered").isSubsetOf(perRecipient.keySet());
    assertThat(recipientsIn(status, "UNCERTAIN"))
        .as("UNCERTAIN: exactly what was being sent at the kills")
        .isEqualTo(sendingAtKills);
    Set<String> deliveredNotSent = new HashSet<>(perRecipient.keySet());
    deliveredNotSent.removeAll(sent);
    assertThat(deliveredNotSent)
        .as("delivered and not SENT: only UNCERTAIN ones")
        .isSubsetOf(sendingAtKills);
    assertThat(recipientsIn(status, "SUPPRESSED"))
        .as("held back at the claim: those blocked mid-campaign")
        .isEqualTo(blockedMidCampaign);
    Set<String> blocked = new HashSet<>(optedOut);
    blocked.addAll(suppressed);
    blocked.addAll(blockedMidCampaign);
    assertThat(perRecipient.keySet())
        .as("nobody opted out or suppressed was mailed")
        .doesNotContainAnyElementsOf(blocked);
    assertThat(
            count(
                "SELECT last_error, COUNT(*) FROM outbox WHERE status = 'UNCERTAIN' GROUP BY"
                    + " last_error"))
        .as("UNCERTAIN, by the dead sender that was sending it")
        .hasSizeLessThanOrEqualTo(2)
        .allSatisfy(
            (why, n) -> {
              assertThat(why).matches("maybe sent: its sender \\S+ died while sending it");
              assertThat(n).isLessThanOrEqualTo(IN_FLIGHT);
            });
    figures.add(
        String.format(
            "the rest (%d) delivered %.1f s after the restart; in all %d SENT, %d UNCERTAIN (%d of"
                + " them delivered), %d held back mid-campaign, nobody twice",
            toSend,
            Duration.between(restart, last).toMillis() / 1000.0,
            sent.size(),
            sendingAtKills.size(),
            deliveredNotSent.size(),
            blockedMidCampaign.size()));
    System.out.println("ledger " + store() + ", kill -9 twice:\n  " + String.join("\n  ", figures));
  }

  /**
   * A few recipients still waiting unsubscribe or opt out while the hub is down: the claim holds
   * them back.
   */
  private void blockSomeWaitingRecipients() throws SQLException {
    List<String> waiting = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT recipient FROM outbox WHERE status = 'PENDING' ORDER BY id DESC FETCH FIRST"
                    + " 20 ROWS ONLY")) {
      while (rs.next() && waiting.size() < 6) {
        if (!blockedMidCampaign.contains(rs.getString(1))) {
          waiting.add(rs.getString(1));
        }
      }
    }
    try (Connection c = connect();
        PreparedStatement suppress =
            c.prepareStatement(
                "INSERT INTO suppression (channel, address, reason, source, created_at)"
                    + " VALUES ('email', ?, 'UNSUBSCRIBED', 'test', CURRENT_TIMESTAMP)");
        PreparedStatement optOut =
            c.prepareStatement("UPDATE contact SET email_consent = 'OPTED_OUT' WHERE email = ?")) {
      for (int i = 0; i < waiting.size(); i++) {
        PreparedStatement ps = i % 2 == 0 ? suppress : optOut;
        ps.setString(1, waiting.get(i));
        ps.executeUpdate();
      }
    }
    blockedMidCampaign.addAll(waiting);
  }

  /** Customers the journey may mail: not opted out, not suppressed, not in the control group. */
  private Set<String> eligible() throws SQLException {
    Set<String> out = new HashSet<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, email FROM contact")) {
      while (rs.next()) {
        String email = rs.getString(2);
        if (!optedOut.contains(email)
            && !suppressed.contains(email)
            && !Holdout.isHeldOut("winback-email", rs.getLong(1), 0.10)) {
          out.add(email);
        }
      }
    }
    return out;
  }

  private Instant start(Map<String, String> env) throws IOException {
    runs++;
    Map<String, String> all = new HashMap<>(storeEnv());
    all.putAll(env);
    all.put("HUB_HTTP_HOST", "127.0.0.1");
    all.put("HUB_HTTP_PORT", String.valueOf(HubPeers.freePort()));
    all.put("HUB_MANAGEMENT_PORT", String.valueOf(HubPeers.freePort()));
    all.put("HUB_SMTP_HOST", "127.0.0.1");
    all.put("HUB_SMTP_PORT", String.valueOf(smtp.port()));
    all.put("HUB_LOYALTY_POLL_MS", "500");
    running = PackagedJar.start(hub, all, hub.resolve("run-" + runs + ".log"), "run");
    return Instant.now();
  }

  private void awaitDeliveries(int n, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (smtp.deliveries.size() < n && System.nanoTime() < deadline && running.isAlive()) {
      Thread.sleep(20);
    }
    assertThat(smtp.deliveries.size())
        .as("deliveries within %s (run %d):%n%s", within, runs, log(runs))
        .isGreaterThanOrEqualTo(n);
  }

  /** The senders the TAKEOVER lines of {@code log} name. */
  private static Set<String> takenOver(String log) {
    Set<String> senders = new HashSet<>();
    Matcher m = TAKEOVER.matcher(log);
    while (m.find()) {
      for (String sender : m.group(2).split(",")) {
        senders.add(sender.trim());
      }
    }
    return senders;
  }

  private String log(int run) throws IOException {
    return Files.readString(hub.resolve("run-" + run + ".log"));
  }

  private Set<String> deliveredRecipients() {
    return smtp.deliveries.stream()
        .map(ScriptedSmtp.Delivery::recipient)
        .collect(Collectors.toSet());
  }

  private Map<String, String> statusByRecipient() throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT recipient, status FROM outbox")) {
      while (rs.next()) {
        assertThat(out.put(rs.getString(1), rs.getString(2))).as("one row per recipient").isNull();
      }
    }
    return out;
  }

  private static Set<String> recipientsIn(Map<String, String> status, String wanted) {
    return status.entrySet().stream()
        .filter(e -> e.getValue().equals(wanted))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private List<String> column(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private Map<String, Long> count(String sql) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  private static String email(int i) {
    return String.format("c%05d@example.org", i);
  }
}
