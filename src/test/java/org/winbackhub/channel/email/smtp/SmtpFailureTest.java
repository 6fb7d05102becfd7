package org.winbackhub.channel.email.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/** Which SMTP failures may be retried without risking a second delivery. */
class SmtpFailureTest {

  @Test
  void no_connection_or_an_error_reply_means_the_mail_surely_did_not_go() throws Exception {
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new MailConnectException(
                    new SocketConnectException(
                        "Could not connect", new ConnectException("refused"), "h", 25, 1000))))
        .isTrue();
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new MessagingException(
                    "Could not connect to SMTP host: h, port: 25", new IOException("reset"))))
        .isTrue();
    SMTPAddressFailedException rcpt =
        new SMTPAddressFailedException(
            new InternetAddress("a@b.c"), "RCPT TO:<a@b.c>", 451, "451 later");
    assertThat(SmtpFailure.surelyNotAccepted(new SendFailedException("Invalid Addresses", rcpt)))
        .isTrue();
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new SMTPSendFailedException(
                    ".", 554, "554 rejected as spam", null, null, null, null)))
        .isTrue();
  }

  @Test
  void a_lost_reply_to_the_data_or_a_broken_connection_is_ambiguous() {
    // Jakarta Mail reports a connection closed before the reply to the final dot as return code -1
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new SMTPSendFailedException(".", -1, "[EOF]", null, null, null, null)))
        .isFalse();
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new MessagingException(
                    "Exception reading response", new SocketTimeoutException("Read timed out"))))
        .isFalse();
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new MessagingException(
                    "IOException while sending message", new IOException("Broken pipe"))))
        .isFalse();
    assertThat(SmtpFailure.surelyNotAccepted(null)).isFalse();
  }

  @Test
  void a_failure_before_the_server_answered_data_or_a_call_the_breaker_refused_lost_nothing() {
    // the reply to MAIL never came (a kept connection the server had closed): nothing was written
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new SMTPSendFailedException(
                    "MAIL FROM:<a@b.c>", -1, "[EOF]", null, null, null, null)))
        .isTrue();
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new SmtpNotHandedOver(
                    new MessagingException(
                        "Exception reading response",
                        new SocketTimeoutException("Read timed out")))))
        .isTrue();
    assertThat(
            SmtpFailure.surelyNotAccepted(
                new RuntimeException(
                    io.github.resilience4j.circuitbreaker.CallNotPermittedException
                        .createCallNotPermittedException(
                            io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults(
                                "smtp")))))
        .isTrue();
  }

  @Test
  void only_failures_of_the_server_count_against_its_breaker() {
    assertThat(
            SmtpFailure.serverTrouble(
                new MessagingException(
                    "Could not connect to SMTP host: h, port: 25",
                    new ConnectException("refused"))))
        .isTrue();
    assertThat(
            SmtpFailure.serverTrouble(
                new SMTPSendFailedException(".", -1, "[EOF]", null, null, null, null)))
        .isTrue();
    assertThat(
            SmtpFailure.serverTrouble(
                new SMTPSendFailedException(
                    "MAIL FROM:<a@b.c>", 421, "421 closing", null, null, null, null)))
        .isTrue();
    // one recipient refused, one message rejected: the server is fine
    assertThat(
            SmtpFailure.serverTrouble(
                new SMTPSendFailedException(".", 554, "554 spam", null, null, null, null)))
        .isFalse();
    assertThat(SmtpFailure.serverTrouble(new IllegalStateException("contact is gone"))).isFalse();
  }
}
