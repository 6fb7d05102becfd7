package org.winbackhub.channel.email;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template's placeholders: {@code {{first_name}}}, {@code {{first_name|there}}} (with a
 * fallback when the value is blank) and {@code {{link:shop}}} (a tracked link). Values are
 * HTML-escaped in HTML templates; link URLs are ours and are inserted as they are.
 */
public final class TemplateRenderer {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*(link:)?([a-z_][a-z0-9_-]*)\\s*(?:\\|([^}]*))?\\}\\}");

  /** The fields a template may use. */
  public static final Set<String> FIELDS = Set.of("first_name", "last_name", "email");

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
