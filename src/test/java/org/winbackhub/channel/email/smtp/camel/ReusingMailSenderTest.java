package org.winbackhub.channel.email.smtp.camel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.winbackhub.testing.ScriptedSmtp;

/** Messages go one after the other over one SMTP connection, and a dropped one is replaced. */
class ReusingMailSenderTest {
  final ScriptedSmtp smtp = newSmtp();
  final ReusingMailSender sender =
      new ReusingMailSender(
          "127.0.0.1", smtp.port(), null, null, new Properties(), Duration.ofMinutes(1), 1000);

  @AfterEach
  void close() throws Exception {
    sender.close();
    smtp.close();
  }

  @Test
  void ten_messages_travel_over_one_connection() throws Exception {
    for (int i = 0; i < 10; i++) {
      sender.send(message("m" + i + "@example.com"));
    }
    assertThat(smtp.messagesReceived.get()).isEqualTo(10);
    assertThat(smtp.sessions.get()).isEqualTo(1);
    assertThat(sender.connects()).isEqualTo(1);
  }

  @Test
  void a_connection_the_server_dropped_meanwhile_is_replaced_and_the_message_still_goes_once()
      throws Exception {
    sender.send(message("a@example.com"));
    smtp.dropSessions(); // the server closed the idle connection; the sender does not know yet
    sender.send(message("b@example.com"));
    assertThat(smtp.messagesReceived.get()).isEqualTo(2);
    assertThat(smtp.deliveries)
        .extracting(ScriptedSmtp.Delivery::recipient)
        .containsExactly("a@example.com", "b@example.com");
    assertThat(sender.connects()).isEqualTo(2);
  }

  @Test
  void a_connection_is_renewed_after_its_quota_of_messages() throws Exception {
    try (ReusingMailSender three =
        new ReusingMailSender(
            "127.0.0.1", smtp.port(), null, null, new Properties(), Duration.ofMinutes(1), 3)) {
      for (int i = 0; i < 7; i++) {
        three.send(message("m" + i + "@example.com"));
      }
      assertThat(three.connects()).isEqualTo(3);
    }
  }

  private MimeMessage message(String to) throws Exception {
    MimeMessage m = new MimeMessage(sender.getSession());
    m.setFrom(new InternetAddress("hola@tienda.example"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject("Hola");
    m.setText("Hola");
    return m;
  }

  private static ScriptedSmtp newSmtp() {
    try {
      return new ScriptedSmtp();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
