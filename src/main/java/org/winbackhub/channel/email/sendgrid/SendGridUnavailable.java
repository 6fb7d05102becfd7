package org.winbackhub.channel.email.sendgrid;

/**
 * SendGrid answered 5xx: nothing of the request was sent. Thrown inside the route's circuit breaker
 * so that the breaker counts it; the batch goes back to the outbox with backoff.
 */
public final class SendGridUnavailable extends RuntimeException {
  public SendGridUnavailable(String reason) {
    super(reason);
  }
}
