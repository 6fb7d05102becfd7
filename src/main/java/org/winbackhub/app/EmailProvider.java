package org.winbackhub.app;

import java.util.Locale;

/**
 * Which provider the email channel sends through ({@code hub.email.provider}): {@code smtp} (the
 * default) or {@code sendgrid}. Every provider's route and beans are bound and every route runs (a
 * stopped route would turn /observe/health DOWN), so that every route file loads and {@code
 * validate} checks them all; the gates of the providers not chosen never let a claim through, so
 * their routes' ticks take no row and do not even ask the store.
 */
enum EmailProvider {
  SMTP,
  SENDGRID;

  static final String KEY = "hub.email.provider";

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
}
