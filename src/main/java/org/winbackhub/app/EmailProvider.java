package org.winbackhub.app;

import java.util.Locale;
import org.apache.camel.CamelContext;

/**
 * Which provider the email channel sends through ({@code hub.email.provider}): {@code smtp} (the
 * default) or {@code sendgrid}. Every provider's route and beans are bound, so that every route
 * file loads and {@code validate} checks them all; only the chosen provider's route starts, and the
 * others' gates never let a claim through.
 */
enum EmailProvider {
  SMTP("channel-email-smtp"),
  SENDGRID("channel-email-sendgrid");

  static final String KEY = "hub.email.provider";

  final String routeId;

  EmailProvider(String routeId) {
    this.routeId = routeId;
  }

  static EmailProvider chosen(Settings s) {
    String v = s.optional(KEY, "smtp").trim().toLowerCase(Locale.ROOT);
    for (EmailProvider p : values()) {
      if (p.name().toLowerCase(Locale.ROOT).equals(v)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "property " + KEY + ": expected smtp or sendgrid, got '" + v + "'");
  }

  /** The routes of the providers not chosen stay stopped (Camel's auto-startup exclusion). */
  static void startOnlyChosen(CamelContext context, EmailProvider chosen) {
    StringBuilder exclude = new StringBuilder();
    String existing = context.getAutoStartupExcludePattern();
    if (existing != null && !existing.isBlank()) {
      exclude.append(existing);
    }
    for (EmailProvider p : values()) {
      if (p != chosen) {
        exclude.append(exclude.isEmpty() ? "" : ",").append(p.routeId);
      }
    }
    context.setAutoStartupExcludePattern(exclude.isEmpty() ? null : exclude.toString());
  }
}
