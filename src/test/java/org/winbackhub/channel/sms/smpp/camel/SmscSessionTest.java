package org.winbackhub.channel.sms.smpp.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.SendFailure;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsSegments;
import org.winbackhub.channel.sms.smpp.SmppBind;
import org.winbackhub.channel.sms.smpp.SmppStatus;
import org.winbackhub.channel.sms.smpp.SmppSubmit;
import org.winbackhub.testing.SmscServer;

/** The hub's SMPP session against a real SMPP server (jsmpp's server side) on loopback. */
class SmscSessionTest {
  private SmscServer smsc;
  private SmscSession session;

  @BeforeEach
  void start() throws Exception {
    smsc = SmscServer.start("winback", "s3cret");
    session = new SmscSession(bind("s3cret", Duration.ofSeconds(1)));
    session.start();
    await(session::isBound, "bound");
  }

  @AfterEach
  void stop() throws Exception {
    session.stop();
    smsc.close();
  }

  private SmppBind bind(String password, Duration responseTimeout) {
    return new SmppBind(
        "127.0.0.1",
        smsc.port(),
        "winback",
        password,
        "",
        true,
        Duration.ofSeconds(2),
        responseTimeout,
        Duration.ofSeconds(30),
        Duration.ofMillis(100),
        Duration.ofMillis(400),
        0);
  }

  static SmsMessage sms(long id, String to, String text) {
    return new SmsMessage(id, "key-" + id, to, "Tienda", text, SmsSegments.of(text), "token");
  }

  private String send(long id, String to, String text) {
    return session.submit(SmppSubmit.of(sms(id, to, text), (int) id, true));
  }

  private SendFailure failureOf(long id, String to, String text) {
    return catchThrowableOfType(ProviderFailure.class, () -> send(id, to, text)).failure();
  }

  @Test
  void a_message_gets_the_smsc_message_id_and_arrives_in_the_default_alphabet_with_a_receipt() {
    String id = send(1, "+34600000001", "Hola Ana, vuelve: 10€ {hoy}");

    SmscServer.Submit got = smsc.submitsTo("+34600000001").get(0);
    assertThat(id).isEqualTo(got.messageId()).startsWith("smsc-");
    assertThat(got.dataCoding()).isZero();
    assertThat(got.esmClass()).isZero();
    assertThat(got.registeredDelivery()).as("receipt on success or failure").isEqualTo(1);
    assertThat(got.destTon()).as("international").isEqualTo(1);
    assertThat(got.destNpi()).as("ISDN").isEqualTo(1);
    assertThat(got.sourceTon()).as("alphanumeric").isEqualTo(5);
    assertThat(got.source()).isEqualTo("Tienda");
    assertThat(smsc.messagesTo("+34600000001")).containsExactly("Hola Ana, vuelve: 10€ {hoy}");
  }

  @Test
  void a_text_outside_the_gsm_alphabet_goes_as_ucs2() {
    send(2, "+34600000002", "¿Próxima compra? 🎁");

    SmscServer.Submit got = smsc.submitsTo("+34600000002").get(0);
    assertThat(got.dataCoding()).isEqualTo(0x08);
    assertThat(smsc.messagesTo("+34600000002")).containsExactly("¿Próxima compra? 🎁");
  }

  @Test
  void a_long_message_arrives_as_concatenated_parts_the_handset_puts_back_together() {
    String text = "Hola Ana. " + "a".repeat(300) + " [fin]";
    String id = send(3, "+34600000003", text);

    List<SmscServer.Submit> parts = smsc.submitsTo("+34600000003");
    assertThat(parts).hasSize(3);
    assertThat(parts).allSatisfy(p -> assertThat(p.concatenated()).isTrue());
    assertThat(parts).extracting(p -> p.concatenation()[1]).containsOnly(3);
    assertThat(parts).extracting(p -> p.concatenation()[2]).containsExactly(1, 2, 3);
    assertThat(parts).extracting(p -> p.concatenation()[0]).containsOnly(3);
    assertThat(parts.get(0).payload()).hasSize(153);
    assertThat(id).as("the first part's message_id").isEqualTo(parts.get(0).messageId());
    assertThat(smsc.messagesTo("+34600000003")).containsExactly(text);
  }

  @Test
  void throttling_and_a_full_queue_are_tried_again_an_invalid_destination_never() {
    smsc.answer("+34600000004", SmppStatus.ESME_RTHROTTLED, SmppStatus.ESME_RMSGQFUL);
    smsc.answer("+34600000005", SmppStatus.ESME_RINVDSTADR);

    SendFailure throttled = failureOf(4, "+34600000004", "Hola");
    assertThat(throttled.kind()).isEqualTo(SendFailure.Kind.RETRY);
    assertThat(throttled.why()).contains("ESME_RTHROTTLED (0x00000058)");
    assertThat(failureOf(4, "+34600000004", "Hola").kind()).isEqualTo(SendFailure.Kind.RETRY);
    assertThat(send(4, "+34600000004", "Hola")).startsWith("smsc-");

    SendFailure invalid = failureOf(5, "+34600000005", "Hola");
    assertThat(invalid.kind()).isEqualTo(SendFailure.Kind.PERMANENT);
    assertThat(invalid.why()).contains("ESME_RINVDSTADR").doesNotContain("600000005");
  }

  @Test
  void no_answer_in_time_is_ambiguous() {
    smsc.answer("+34600000006", SmscServer.NEVER);
    SendFailure silent = failureOf(6, "+34600000006", "Hola");
    assertThat(silent.kind()).isEqualTo(SendFailure.Kind.AMBIGUOUS);
    assertThat(silent.why()).contains("no submit_sm_resp within PT1S");
    assertThat(session.isBound()).as("the session stays").isTrue();
  }

  @Test
  void a_long_message_refused_after_its_first_part_is_ambiguous_not_retried() {
    smsc.answer("+34600000007", 0, SmppStatus.ESME_RTHROTTLED);
    SendFailure partly = failureOf(7, "+34600000007", "b".repeat(200));
    assertThat(partly.kind()).isEqualTo(SendFailure.Kind.AMBIGUOUS);
    assertThat(partly.why()).contains("partly sent, 1 of 2 parts taken", "ESME_RTHROTTLED");
  }

  @Test
  void a_lost_session_is_bound_again_and_nothing_is_submitted_without_one() throws Exception {
    smsc.dropSessions();
    await(() -> !session.isBound(), "loss noticed");
    SendFailure down = failureOf(8, "+34600000008", "Hola");
    assertThat(down.kind()).isEqualTo(SendFailure.Kind.RETRY);
    assertThat(down.why()).contains("no SMPP session bound");
    assertThat(smsc.submitsTo("+34600000008")).isEmpty();

    await(() -> smsc.binds() == 2 && session.isBound(), "bound again");
    assertThat(send(8, "+34600000008", "Hola")).startsWith("smsc-");
  }

  @Test
  void the_stop_unbinds_and_a_refused_password_keeps_trying_without_sending() throws Exception {
    session.stop();
    await(() -> smsc.unbinds() == 1, "unbind received");

    session = new SmscSession(bind("wrong", Duration.ofSeconds(1)));
    session.start();
    await(() -> smsc.refusedBinds() >= 2, "binds tried again");
    assertThat(failureOf(9, "+34600000009", "Hola").kind()).isEqualTo(SendFailure.Kind.RETRY);
    assertThat(smsc.submits()).isEmpty();
  }

  static void await(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }
}
