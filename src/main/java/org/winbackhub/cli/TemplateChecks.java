package org.winbackhub.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.winbackhub.app.Settings;
import org.winbackhub.channel.email.TemplateRenderer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.config.YamlFiles;
import org.winbackhub.journey.Journey;
import org.winbackhub.journey.Variant;
import org.winbackhub.model.Channel;

/**
 * Every journey step (and each of its variants) has its template — an email's HTML or text, an
 * SMS's text — and every placeholder of a template or subject is known, told on its line. A missing
 * template is told on the line of the journey key that names it. A step without an offer may not
 * show {@code {{offer}}} or {@code {{coupon_code}}} without a fallback: it would show nothing
 * there.
 */
final class TemplateChecks {
  private final Problems problems;
  private SmsTemplateChecks sms;

  TemplateChecks(Problems problems) {
    this.problems = problems;
  }

  /** Checks the templates the {@code journeys} (by file) send; returns how many were found. */
  int check(Map<Path, Journey> journeys, Settings settings) {
    TemplateStore store = new TemplateStore(problems.home().resolve("config/templates"));
    Map<String, String> links = new HashMap<>();
    try {
      links = settings.withPrefix("hub.links.");
    } catch (RuntimeException e) {
      problems.add(problems.home().resolve("config/application.properties"), 0, e.getMessage());
    }
    sms = new SmsTemplateChecks(problems, settings, links);
    try {
      sms.checkFolder(problems.home().resolve("config/templates"));
    } catch (IOException e) {
      problems.add(
          problems.home().resolve("config/templates/sms"), 0, "cannot read: " + e.getMessage());
    }
    Set<String> found = new LinkedHashSet<>();
    for (var entry : journeys.entrySet()) {
      Path file = entry.getKey();
      Journey j = entry.getValue();
      Map<String, Integer> lines = YamlFiles.keyLines(file);
      List<Journey.Step> steps = j.steps();
      for (int i = 0; i < steps.size(); i++) {
        Journey.Step step = steps.get(i);
        String at = "/steps/" + i;
        Channel channel = step.send().channel();
        check(
            store,
            links,
            file,
            lines,
            at + "/send",
            j,
            step,
            channel,
            step.send().template(),
            step.send().subject(),
            found);
        List<Variant> variants = step.variants();
        for (int k = 0; k < variants.size(); k++) {
          Variant v = variants.get(k);
          if (v.template() != null || v.subject() != null) {
            check(
                store,
                links,
                file,
                lines,
                at + "/variants/" + k,
                j,
                step,
                channel,
                v.template(),
                v.subject(),
                found);
          }
        }
      }
    }
    return found.size();
  }

  private void check(
      TemplateStore store,
      Map<String, String> links,
      Path file,
      Map<String, Integer> lines,
      String at,
      Journey j,
      Journey.Step step,
      Channel channel,
      String name,
      String subject,
      Set<String> found) {
    boolean offered = step.send().offer() != null;
    if (subject != null) {
      checkPlaceholders(
          subject, links, file, lines.getOrDefault(at + "/subject", 0), false, offered);
    }
    if (name == null) {
      return;
    }
    Optional<String> html = channel == Channel.EMAIL ? store.find(name, "html") : Optional.empty();
    Optional<String> text = store.find(name, "txt");
    if (html.isEmpty() && text.isEmpty()) {
      problems.add(
          file,
          lines.getOrDefault(at + "/template", 0),
          "journey "
              + j.id()
              + ", step "
              + step.id()
              + ": template '"
              + name
              + "' has no "
              + (channel == Channel.EMAIL ? problems.rel(store.path(name, "html")) + " nor " : "")
              + problems.rel(store.path(name, "txt"))
              + (channel == Channel.SMS ? " (an SMS template is plain text)" : ""));
      return;
    }
    if (!found.add(name + (offered ? "+offer" : ""))) {
      return;
    }
    if (channel == Channel.SMS) {
      sms.check(store.path(name, "txt"));
      if (!offered) {
        Path txt = store.path(name, "txt");
        for (TemplateRenderer.Placeholder p : new TemplateRenderer().uses(text.get())) {
          offerWithoutValue(p).ifPresent(why -> problems.add(txt, p.line(), why));
        }
      }
      return;
    }
    for (var part : Map.of("html", html, "txt", text).entrySet()) {
      if (part.getValue().isPresent()) {
        checkPlaceholders(
            part.getValue().get(), links, store.path(name, part.getKey()), 0, true, offered);
      }
    }
  }

  /**
   * Each unknown placeholder, on its own line of a template file ({@code inFile}), or on {@code
   * line} (the subject's); an offer field without a fallback in a step without an offer.
   */
  private void checkPlaceholders(
      String template,
      Map<String, String> links,
      Path where,
      int line,
      boolean inFile,
      boolean offered) {
    for (TemplateRenderer.Placeholder p : new TemplateRenderer().uses(template)) {
      int at = inFile ? p.line() : line;
      Optional<String> unknown = unknownPlaceholder((p.link() ? "link:" : "") + p.name(), links);
      if (unknown.isPresent()) {
        problems.add(where, at, unknown.get());
      } else if (!offered) {
        offerWithoutValue(p).ifPresent(why -> problems.add(where, at, why));
      }
    }
  }

  /** An offer field without a fallback, in a step without an offer: it would show nothing. */
  private static Optional<String> offerWithoutValue(TemplateRenderer.Placeholder p) {
    if (p.link() || p.fallback() != null || !PersonalFields.OFFER_FIELDS.contains(p.name())) {
      return Optional.empty();
    }
    return Optional.of(
        "{{"
            + p.name()
            + "}} has no value in a step without an offer: give the step an offer (a pool of"
            + " config/offers.yaml) or the placeholder a fallback ({{"
            + p.name()
            + "|...}})");
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
                + links.keySet().stream().sorted().map(l -> "link:" + l).toList()
                + " (add hub.links.NAME to application.properties)");
  }
}
