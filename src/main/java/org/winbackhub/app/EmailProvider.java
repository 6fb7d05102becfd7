package org.winbackhub.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.winbackhub.channel.ProviderRoutes;

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
  static final String ROUTES = "hub.email.routes";

  /** The provider's name in settings, routes and the outbox's {@code provider} column. */
  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Which provider carries each journey's email: {@code hub.email.routes} ({@code
   * JOURNEY=PROVIDER}, comma-separated), the chosen provider for every other journey.
   */
  static ProviderRoutes routes(Settings s) {
    return ProviderRoutes.parse(
        ROUTES,
        s.optional(ROUTES, ""),
        chosen(s).code(),
        Arrays.stream(values()).map(EmailProvider::code).collect(Collectors.toSet()),
        false);
  }

  /** True when some email goes through this provider (the default, or a journey's route). */
  boolean inUse(Settings s) {
    return routes(s).providers().contains(code());
  }

  static EmailProvider chosen(Settings s) {
    String v = s.optional(KEY, "smtp").trim().toLowerCase(Locale.ROOT);
    for (EmailProvider p : values()) {
      if (p.code().equals(v)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "property " + KEY + ": expected smtp or sendgrid, got '" + v + "'");
  }
}
