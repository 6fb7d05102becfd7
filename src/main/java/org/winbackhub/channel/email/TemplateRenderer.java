package org.winbackhub.channel.email;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winbackhub.channel.personal.PersonalFields;

/**
 * Fills a template's placeholders: {@code {{first_name}}}, {@code {{first_name|there}}} (with a
 * fallback when the value is blank) and {@code {{link:shop}}} (a tracked link). Values are
 * HTML-escaped in HTML templates; link URLs are ours and are inserted as they are.
 */
public final class TemplateRenderer {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*(link:)?([a-z_][a-z0-9_-]*)\\s*(?:\\|([^}]*))?\\}\\}");

  /** The fields a template may use ({@link PersonalFields}). */
  public static final Set<String> FIELDS = PersonalFields.NAMES;

  /**
   * A placeholder as written: a field or a link's {@code name}, its {@code fallback} (null without
   * one) and the {@code line} it is on (from 1).
   */
  public record Placeholder(String name, boolean link, String fallback, int line) {}

  public String render(
      String template, Map<String, String> values, Function<String, String> links, boolean html) {
    return renderTagged(template, values, links, html, null, null);
  }

  /**
   * Renders with each placeholder replaced by a numbered tag ({@code prefix} and its number between
   * {@code %}: {@code %wbh0%}) instead of its value, and puts each tag with the text it stands for
   * (escaped as {@link #render} would insert it) into {@code tags}. Every contact's copy of one
   * template has the same tagged text: a provider that substitutes per recipient (SendGrid's {@code
   * substitutions}) gets the text once and the values per contact. Replacing each tag with its
   * value gives exactly what {@link #render} gives.
   */
  public String renderTagged(
      String template,
      Map<String, String> values,
      Function<String, String> links,
      boolean html,
      String prefix,
      Map<String, String> tags) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    int n = 0;
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = links.apply(m.group(2));
      } else {
        String value = values.get(m.group(2));
        if (value == null || value.isBlank()) {
          value = m.group(3) == null ? "" : m.group(3);
        }
        replacement = html ? escape(value) : value;
      }
      if (tags != null) {
        String tag = "%" + prefix + n++ + "%";
        tags.put(tag, replacement);
        replacement = tag;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Every "field" and "link:name" placeholder a template uses, for validation. */
  public Set<String> placeholders(String template) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      found.add((m.group(1) == null ? "" : "link:") + m.group(2));
    }
    return found;
  }

  /** The fields (not links) some texts use, and those of them used without a fallback. */
  public record FieldUse(Set<String> used, Set<String> bare) {}

  /** What {@code texts} (a message's templates and subject) ask of the personal fields. */
  public FieldUse fieldsUsed(List<String> texts) {
    Set<String> used = new LinkedHashSet<>();
    Set<String> bare = new LinkedHashSet<>();
    for (String text : texts) {
      for (Placeholder p : uses(text)) {
        if (!p.link()) {
          used.add(p.name());
          if (p.fallback() == null) {
            bare.add(p.name());
          }
        }
      }
    }
    return new FieldUse(used, bare);
  }

  /** Every placeholder of a template in order, with its line, for validation. */
  public List<Placeholder> uses(String template) {
    List<Placeholder> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int line = 1;
    int scanned = 0;
    while (m.find()) {
      for (int i = scanned; i < m.start(); i++) {
        if (template.charAt(i) == '\n') {
          line++;
        }
      }
      scanned = m.start();
      found.add(new Placeholder(m.group(2), m.group(1) != null, m.group(3), line));
    }
    return found;
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
