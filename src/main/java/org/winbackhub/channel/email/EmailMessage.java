package org.winbackhub.channel.email;

import org.winbackhub.channel.email.smtp.SmtpAddress;

/**
 * A rendered email. With an HTML template it is HTML with the text as its plain alternative; with
 * only a text template it is a plain-text mail, with no empty HTML part. {@code to} is the address
 * as it goes over SMTP ({@link SmtpAddress}); {@code smtpUtf8} when it needs a server that offers
 * SMTPUTF8.
 */
public record EmailMessage(
    long outboxId,
    String from,
    String to,
    boolean smtpUtf8,
    String subject,
    String html,
    String text) {

  /** The main body: the HTML, or the text when there is no HTML. */
  public String body() {
    return html != null ? html : text;
  }

  public String contentType() {
    return html != null ? "text/html; charset=UTF-8" : "text/plain; charset=UTF-8";
  }

  /** The plain-text alternative to an HTML body; null for a text-only (or HTML-only) mail. */
  public String alternative() {
    return html != null ? text : null;
  }
}
