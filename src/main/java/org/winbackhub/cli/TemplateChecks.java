package org.winbackhub.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.winbackhub.app.Settings;
import org.winbackhub.channel.email.TemplateRenderer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.journey.Journey;

/**
 * Every journey step has its template, and every placeholder of a template is known, told on its
 * line. A step without an offer may not show {@code {{offer}}} or {@code {{coupon_code}}} without a
 * fallback: it would show nothing there.
 */
final class TemplateChecks {
  private final Problems problems;

  TemplateChecks(Problems problems) {
    this.problems = problems;
  }

  /** Checks the templates the {@code journeys} send; returns how many were found. */
  int check(List<Journey> journeys, Settings settings) {
    TemplateStore store = new TemplateStore(problems.home().resolve("config/templates"));
    TemplateRenderer renderer = new TemplateRenderer();
    Map<String, String> links = new HashMap<>();
    try {
      links = settings.withPrefix("hub.links.");
    } catch (RuntimeException e) {
      problems.add(problems.home().resolve("config/application.properties"), 0, e.getMessage());
    }
    int count = 0;
    for (Journey j : journeys) {
      for (Journey.Step step : j.steps()) {
        String name = step.send().template();
        Optional<String> html = store.find(name, "html");
        Optional<String> text = store.find(name, "txt");
        if (html.isEmpty() && text.isEmpty()) {
          problems.add(
              problems.home().resolve("config/journeys"),
              0,
              "journey "
                  + j.id()
                  + ", step "
                  + step.id()
                  + ": template '"
                  + name
                  + "' has no "
                  + problems.rel(store.path(name, "html"))
                  + " nor "
                  + problems.rel(store.path(name, "txt")));
          continue;
        }
        count++;
        Map<String, Optional<String>> parts =
            Map.of(
                "html", html, "txt", text, "subject", Optional.ofNullable(step.send().subject()));
        for (var part : parts.entrySet()) {
          if (part.getValue().isPresent()) {
            checkPlaceholders(
                renderer,
                part.getValue().get(),
                links,
                where(j, store, name, part),
                !part.getKey().equals("subject"),
                step.send().offer() != null);
          }
        }
      }
    }
    return count;
  }

  private String where(
      Journey j, TemplateStore store, String name, Map.Entry<String, Optional<String>> part) {
    return part.getKey().equals("subject")
        ? "journey " + j.id() + " subject"
        : problems.rel(store.path(name, part.getKey()));
  }

  private void checkPlaceholders(
      TemplateRenderer renderer,
      String template,
      Map<String, String> links,
      String where,
      boolean file,
      boolean offered) {
    for (TemplateRenderer.Placeholder p : renderer.uses(template)) {
      int line = file ? p.line() : 0;
      boolean known =
          p.link() ? links.containsKey(p.name()) : TemplateRenderer.FIELDS.contains(p.name());
      if (!known) {
        problems.add(
            where,
            line,
            "unknown placeholder {{"
                + (p.link() ? "link:" : "")
                + p.name()
                + "}}; fields: "
                + new TreeSet<>(TemplateRenderer.FIELDS)
                + ", links: "
                + links.keySet().stream().sorted().map(l -> "link:" + l).toList()
                + " (add hub.links.NAME to application.properties)");
      } else if (!p.link()
          && !offered
          && p.fallback() == null
          && PersonalFields.OFFER_FIELDS.contains(p.name())) {
        problems.add(
            where,
            line,
            "{{"
                + p.name()
                + "}} has no value in a step without an offer: give the step an offer (a pool of"
                + " config/offers.yaml) or the placeholder a fallback ({{"
                + p.name()
                + "|...}})");
      }
    }
  }
}
