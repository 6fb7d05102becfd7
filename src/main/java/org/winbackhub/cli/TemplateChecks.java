package org.winbackhub.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.winbackhub.app.Settings;
import org.winbackhub.channel.email.TemplateRenderer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.journey.Journey;
import org.winbackhub.model.Channel;

/**
 * Every journey step has its template, and every placeholder of a template is known; SMS templates
 * also fit hub.sms.max-segments ({@link SmsTemplateChecks}).
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
    SmsTemplateChecks sms = new SmsTemplateChecks(problems, settings, links);
    int count = 0;
    try {
      sms.checkFolder(problems.home().resolve("config/templates"));
    } catch (IOException e) {
      problems.add(
          problems.home().resolve("config/templates/sms"), 0, "cannot read: " + e.getMessage());
    }
    for (Journey j : journeys) {
      for (Journey.Step step : j.steps()) {
        String name = step.send().template();
        Optional<String> text = store.find(name, "txt");
        if (step.send().channel() == Channel.SMS) {
          count += checkSms(sms, store, j, step, text.isPresent());
          continue;
        }
        Optional<String> html = store.find(name, "html");
        if (html.isEmpty() && text.isEmpty()) {
          missing(
              j,
              step,
              "template",
              problems.rel(store.path(name, "html"))
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
            checkPlaceholders(renderer, part.getValue().get(), links, where(j, store, name, part));
          }
        }
      }
    }
    return count;
  }

  /** An SMS step's text: NAME.txt, checked as every SMS template is. */
  private int checkSms(
      SmsTemplateChecks sms, TemplateStore store, Journey j, Journey.Step step, boolean found) {
    Path file = store.path(step.send().template(), "txt");
    if (!found) {
      missing(j, step, "SMS template", problems.rel(file));
      return 0;
    }
    sms.check(file);
    return 1;
  }

  private void missing(Journey j, Journey.Step step, String what, String files) {
    problems.add(
        problems.home().resolve("config/journeys"),
        0,
        "journey "
            + j.id()
            + ", step "
            + step.id()
            + ": "
            + what
            + " '"
            + step.send().template()
            + "' has no "
            + files);
  }

  private String where(
      Journey j, TemplateStore store, String name, Map.Entry<String, Optional<String>> part) {
    return part.getKey().equals("subject")
        ? "journey " + j.id() + " subject"
        : problems.rel(store.path(name, part.getKey()));
  }

  private void checkPlaceholders(
      TemplateRenderer renderer, String template, Map<String, String> links, String where) {
    for (String p : renderer.placeholders(template)) {
      unknownPlaceholder(p, links).ifPresent(why -> problems.add(where, 0, why));
    }
  }

  /** What is wrong with placeholder {@code p} ("first_name", "link:shop"), if it is not known. */
  static Optional<String> unknownPlaceholder(String p, Map<String, String> links) {
    boolean known =
        p.startsWith("link:")
            ? links.containsKey(p.substring(5))
            : TemplateRenderer.FIELDS.contains(p);
    return known
        ? Optional.empty()
        : Optional.of(
            "unknown placeholder {{"
                + p
                + "}}; fields: "
                + new TreeSet<>(TemplateRenderer.FIELDS)
                + ", links: "
                + links.keySet().stream().map(l -> "link:" + l).toList()
                + " (add hub.links.NAME to application.properties)");
  }
}
