package org.winbackhub.channel;

/** A rendered email, ready for SMTP or an email API. */
public record EmailMessage(long outboxId, String from, String to, String subject, String html, String text) {}
