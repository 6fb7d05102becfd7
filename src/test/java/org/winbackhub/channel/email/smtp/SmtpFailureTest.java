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
}
