package org.winbackhub.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      problems.add(
          problems.home().resolve("config/journeys"),
          0,
          "journey "
              + j.id()
              + ", step "
              + step.id()
              + ": SMS template '"
              + step.send().template()
              + "' has no "
              + problems.rel(file));
      return 0;
    }
    sms.check(file);
    return 1;
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
      boolean known =
          p.startsWith("link:")
              ? links.containsKey(p.substring(5))
              : TemplateRenderer.FIELDS.contains(p);
      if (!known) {
        problems.add(
            where,
            0,
            "unknown placeholder {{"
                + p
                + "}}; fields: "
                + TemplateRenderer.FIELDS
                + ", links: "
                + links.keySet().stream().map(l -> "link:" + l).toList()
                + " (add hub.links.NAME to application.properties)");
      }
    }
  }
}
