package org.winbackhub.channel.email;

import org.winbackhub.channel.email.smtp.SmtpAddress;

/**
 * A rendered email. With an HTML template it is HTML with the text as its plain alternative; with
 * only a text template it is a plain-text mail, with no empty HTML part. {@code to} is the address
 * as it goes over SMTP ({@link SmtpAddress}); {@code smtpUtf8} when it needs a server that offers
 * SMTPUTF8. {@code listUnsubscribe} is the {@code List-Unsubscribe} header (RFC 2369): the hub's
 * one-click URL, and a mailto address when one is configured.
 */
public record EmailMessage(
    long outboxId,
    String from,
    String to,
    boolean smtpUtf8,
    String subject,
    String html,
    String text,
    String listUnsubscribe) {

  /**
   * The {@code List-Unsubscribe-Post} header (RFC 8058): a POST to the HTTPS URL of {@code
   * List-Unsubscribe} unsubscribes at once, with no further page.
   */
  public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  /** The {@code List-Unsubscribe-Post} header's value. */
  public String listUnsubscribePost() {
    return ONE_CLICK;
  }

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
