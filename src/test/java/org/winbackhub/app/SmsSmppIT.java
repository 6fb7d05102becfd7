package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.channel.sms.smpp.SmppStatus;
import org.winbackhub.testing.SmscServer;

/**
 * SMS straight to an SMSC over SMPP 3.4, chosen by configuration only (hub.sms.provider = smpp and
 * the hub.sms.smpp.* keys), against a real SMPP server on loopback (jsmpp's server side, {@link
 * SmscServer}) that answers submit_sm with ESME_ROK and its message_id, or as each test tells it.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "hub.outbox.poll-ms=200",
      "hub.loyalty.poll-ms=200",
      "hub.sms.provider=smpp",
      "hub.sms.from=Tienda",
      "hub.sms.read-timeout=PT1S",
      "hub.sms.smpp.host=127.0.0.1",
      "hub.sms.smpp.port={{smpp.it.port}}",
      "hub.sms.smpp.system-id=winback",
      "hub.sms.smpp.password=" + SmsSmppIT.PASSWORD,
      "hub.sms.smpp.rebind-delay=PT0.2S",
      "hub.sms.smpp.max-rebind-delay=PT0.4S"
    })
class SmsSmppIT extends SmsAppTest {
  static final String PASSWORD = "smpp-1t!";
  static SmscServer smsc;

  /** After the provider's configuration (SmsAppTest), before the hub boots. */
  @BeforeAll
  void startSmsc() throws Exception {
    smsc = SmscServer.start("winback", PASSWORD);
    System.setProperty("smpp.it.port", String.valueOf(smsc.port()));
    Files.writeString(
        peers.dataDir.resolve("config/templates/sms/long.txt"),
        "Hola {{first_name}}. " + "y".repeat(180) + " {fin}");
  }

  @AfterAll
  void stopSmsc() throws Exception {
    System.clearProperty("smpp.it.port");
    smsc.close();
  }

  @Override
  int handedOver(String phone) {
    return smsc.submitsTo(phone).size();
  }

  @Test
  @Order(1)
  void a_journey_step_is_submitted_on_the_bound_session_and_records_the_smsc_message_id()
      throws Exception {
    journeyStepFor("+34642000001");
    awaitCount(
        "SELECT COUNT(*) FROM outbox WHERE journey_id = 'winback-sms' AND status = 'SENT'", 1);

    List<SmscServer.Submit> got = smsc.submitsTo("+34642000001");
    assertThat(got).as("over 70 UCS-2 units: two concatenated parts").hasSize(2);
    SmscServer.Submit submit = got.get(0);
    assertThat(
            query(
                "SELECT provider_message_id FROM outbox WHERE journey_id = 'winback-sms' AND"
                    + " provider_message_id = '"
                    + submit.messageId()
                    + "'"))
        .as("the SMSC's message_id (of the first part) is the provider id")
        .hasSize(1);
    assertThat(got).allSatisfy(p -> assertThat(p.dataCoding()).isEqualTo(0x08));
    List<String> texts = smsc.messagesTo("+34642000001");
    assertThat(texts).hasSize(1);
    assertThat(texts.get(0))
        .as("the ó of 'próxima': UCS-2")
        .startsWith("Hola Lucía, te echamos de menos.\n10% en tu próxima");
    shortCode(texts.get(0));
    assertThat(submit.source()).isEqualTo("Tienda");
    assertThat(submit.sourceTon()).as("alphanumeric sender").isEqualTo(5);
    assertThat(submit.destTon()).as("international").isEqualTo(1);
    assertThat(submit.destNpi()).as("ISDN").isEqualTo(1);
    assertThat(submit.registeredDelivery()).as("a delivery receipt asked for").isEqualTo(1);
    assertThat(smsc.binds()).as("one session, bound at start").isEqualTo(1);
    assertThat(query("SELECT type FROM contact_event WHERE type = 'sms_sent'")).hasSize(1);
  }

  @Test
  @Order(2)
  void a_long_gsm_message_arrives_as_concatenated_parts_the_handset_puts_together()
      throws Exception {
    queue("smpp-long", "+34642000002", "sms/long");
    awaitStatus("smpp-long", "SENT");

    List<SmscServer.Submit> parts = smsc.submitsTo("+34642000002");
    assertThat(parts).hasSize(2);
    assertThat(parts).allSatisfy(p -> assertThat(p.dataCoding()).isZero());
    assertThat(parts).allSatisfy(p -> assertThat(p.concatenated()).isTrue());
    assertThat(smsc.messagesTo("+34642000002"))
        .containsExactly("Hola Test. " + "y".repeat(180) + " {fin}");
    assertThat(row("smpp-long")).containsEntry("provider_message_id", parts.get(0).messageId());
  }

  @Test
  @Order(3)
  void a_throttled_message_waits_its_backoff_and_is_then_sent() throws Exception {
    smsc.answer("+34642000003", SmppStatus.ESME_RTHROTTLED);
    retriedThenSent("smpp-throttled", "+34642000003", "smpp ESME_RTHROTTLED (0x00000058)");
    assertThat(row("smpp-throttled"))
        .containsEntry("provider_message_id", smsc.submitsTo("+34642000003").get(1).messageId());
  }

  @Test
  @Order(4)
  void an_invalid_destination_fails_for_good_without_a_retry() throws Exception {
    smsc.answer("+34642000004", SmppStatus.ESME_RINVDSTADR);
    queue("smpp-invalid", "+34642000004", "sms/plain");
    awaitStatus("smpp-invalid", "FAILED");
    assertThat(row("smpp-invalid")).containsEntry("attempts", 1);
    assertThat(String.valueOf(row("smpp-invalid").get("last_error")))
        .contains("ESME_RINVDSTADR (0x0000000B)")
        .doesNotContain("42000004");
    assertNeverSentAgain("smpp-invalid", "+34642000004", "FAILED");
  }

  @Test
  @Order(5)
  void a_submit_the_smsc_never_answers_is_uncertain_and_never_sent_again() throws Exception {
    smsc.answer("+34642000005", SmscServer.NEVER);
    queue("smpp-silent", "+34642000005", "sms/plain");
    awaitStatus("smpp-silent", "UNCERTAIN");
    assertThat(String.valueOf(row("smpp-silent").get("last_error")))
        .contains("maybe sent", "no submit_sm_resp within PT1S");
    assertNeverSentAgain("smpp-silent", "+34642000005", "UNCERTAIN");
  }

  @Test
  @Order(6)
  void without_a_session_nothing_is_submitted_and_the_message_goes_once_it_is_bound_again()
      throws Exception {
    smsc.refuseBinds(true);
    smsc.dropSessions();
    queue("smpp-unbound", "+34642000006", "sms/plain");
    awaitRetry("smpp-unbound");
    assertThat(String.valueOf(row("smpp-unbound").get("last_error")))
        .contains("no SMPP session bound");
    assertThat(handedOver("+34642000006")).isZero();

    int before = smsc.binds();
    smsc.refuseBinds(false);
    awaitSmsc(() -> smsc.binds() == before + 1, "bound again");
    dueNow("smpp-unbound");
    awaitStatus("smpp-unbound", "SENT");
    assertThat(handedOver("+34642000006")).isEqualTo(1);
  }

  @Test
  @Order(7)
  void suppressed_and_opted_out_numbers_are_never_submitted() throws Exception {
    assertSuppressedNeverHandedOver("smpp", "+34642000007", "+34642000008", "+34642000009");
  }

  @Test
  @Order(8)
  void the_hub_stop_unbinds_the_session() throws Exception {
    int unbinds = smsc.unbinds();
    camel.stop();
    awaitSmsc(() -> smsc.unbinds() == unbinds + 1, "an unbind, not a dropped connection");
  }

  /** Waits up to 20 s for what the SMSC sees, then asserts it. */
  static void awaitSmsc(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}
