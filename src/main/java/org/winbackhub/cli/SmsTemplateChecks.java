package org.winbackhub.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.winbackhub.app.Settings;
import org.winbackhub.app.SmsSettings;
import org.winbackhub.channel.email.TemplateRenderer;
import org.winbackhub.channel.sms.SmsTemplateFit;
import org.winbackhub.tracking.LinkTargets;

/**
 * Every SMS template (each {@code config/templates/sms/**.txt}, and the text of any journey step
 * sent by SMS) uses only known fields and links, each mistake on its line, and fits {@code
 * hub.sms.max-segments} however its fields are filled ({@link SmsTemplateFit}): the line where it
 * passes the limit is named.
 */
final class SmsTemplateChecks {
  private final Problems problems;
  private final Map<String, String> links;
  private final int maxSegments;
  private final SmsTemplateFit fit;
  private final TemplateRenderer renderer = new TemplateRenderer();
  private final Set<Path> checked = new HashSet<>();

  SmsTemplateChecks(Problems problems, Settings settings, Map<String, String> links) {
    this.problems = problems;
    this.links = links;
    int max;
    try {
      max = SmsSettings.of(settings).maxSegments();
    } catch (RuntimeException e) {
      max = SmsSettings.DEFAULT_MAX_SEGMENTS; // the wiring tells what is wrong with the settings
    }
    this.maxSegments = max;
    int linkLength =
        new LinkTargets(settings.optional("hub.public-url", "https://hub.example.com"), Map.of())
            .shortUrlLength();
    this.fit = new SmsTemplateFit(max, linkLength);
  }

  /** Checks every template under {@code templates/sms}; returns how many there were. */
  int checkFolder(Path templates) throws IOException {
    List<Path> files = Problems.files(templates.resolve("sms"), ".txt");
    files.forEach(this::check);
    return files.size();
  }

  /** Checks one SMS template, once however many steps send it. */
  void check(Path file) {
    if (!checked.add(file.toAbsolutePath().normalize())) {
      return;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(file, 0, "cannot read the SMS template: " + e.getMessage());
      return;
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (String p : renderer.placeholders(lines[i])) {
        int line = i + 1;
        TemplateChecks.unknownPlaceholder(p, links).ifPresent(why -> problems.add(file, line, why));
      }
    }
    fit.check(text)
        .ifPresent(
            over ->
                problems.add(
                    file,
                    over.line(),
                    "the SMS can be "
                        + over.longest()
                        + ", over hub.sms.max-segments = "
                        + maxSegments
                        + "; it passes the limit on this line (fields counted at "
                        + SmsTemplateFit.FIELD_LENGTH
                        + " characters or their fallback, each link as a short link): shorten it"
                        + " or raise hub.sms.max-segments"));
  }
}
