package org.winbackhub.channel.sms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.winbackhub.channel.email.TemplateRenderer;

/**
 * Whether an SMS template fits {@code hub.sms.max-segments} before any message is rendered, for
 * {@code validate}. The fields' values are not known yet, so the template is counted twice, and the
 * longer count holds: with every field {@value #FIELD_LENGTH} characters long (a long first name),
 * and with every field empty (its fallback in its place, which may also switch the text to UCS-2);
 * each link counts as long as its short link. Where it does not fit, the line on which it passes
 * the limit is named.
 */
public final class SmsTemplateFit {
  /** How long a field's value is taken to be. */
  public static final int FIELD_LENGTH = 20;

  /** A template over the limit: the line where it passes it, and its longest count. */
  public record Overrun(int line, SmsSegments longest) {}

  private final TemplateRenderer renderer = new TemplateRenderer();
  private final int maxSegments;
  private final int linkLength;

  public SmsTemplateFit(int maxSegments, int linkLength) {
    this.maxSegments = maxSegments;
    this.linkLength = linkLength;
  }

  /** Empty when {@code template} fits; otherwise where and by how much it does not. */
  public Optional<Overrun> check(String template) {
    Map<String, String> longNames = new HashMap<>();
    for (String field : TemplateRenderer.FIELDS) {
      longNames.put(field, "x".repeat(FIELD_LENGTH));
    }
    for (String p : renderer.placeholders(template)) {
      if (!p.startsWith("link:")) {
        longNames.put(p, "x".repeat(FIELD_LENGTH));
      }
    }
    List<Map<String, String>> cases = List.of(longNames, Map.of());
    Optional<Overrun> worst = Optional.empty();
    for (Map<String, String> values : cases) {
      SmsSegments whole = count(template, values);
      if (whole.segments() > maxSegments
          && (worst.isEmpty() || whole.segments() > worst.get().longest().segments())) {
        worst = Optional.of(new Overrun(lineOfOverrun(template, values), whole));
      }
    }
    return worst;
  }

  private SmsSegments count(String text, Map<String, String> values) {
    return SmsSegments.of(
        renderer.render(text, values, name -> "x".repeat(linkLength), false).strip());
  }

  /** The first line by whose end the text, rendered so, is over the limit. */
  private int lineOfOverrun(String template, Map<String, String> values) {
    String[] lines = template.split("\n", -1);
    StringBuilder upTo = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      upTo.append(i == 0 ? "" : "\n").append(lines[i]);
      if (count(upTo.toString(), values).segments() > maxSegments) {
        return i + 1;
      }
    }
    return lines.length;
  }
}
