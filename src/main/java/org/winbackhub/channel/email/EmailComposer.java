package org.winbackhub.channel.email;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.winbackhub.channel.email.smtp.SmtpAddress;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * Renders an outbox email for its contact, with every link tracked and a one-click unsubscribe (RFC
 * 8058) in its {@code List-Unsubscribe} header.
 */
public final class EmailComposer {
  /** What the tags of the HTML and the text start with ({@link TemplateRenderer#renderTagged}). */
  static final String HTML_TAG = "wbh";

  static final String TEXT_TAG = "wbt";

  /**
   * An email rendered twice: whole, and with a tag in place of each placeholder ({@code html} and
   * {@code text}, null when the template has no such part) plus this contact's value of each tag.
   */
  public record Tagged(
      EmailMessage message, String html, String text, Map<String, String> substitutions) {
    /** False when the message cannot be tagged and must go whole. */
    public boolean tagged() {
      return html != null || text != null;
    }
  }

  private final TemplateStore templates;
  private final TemplateRenderer renderer = new TemplateRenderer();
  private final TrackingToken tokens;
  private final TrackingToken unsubscribeTokens;
  private final LinkTargets links;
  private final String from;
  private final String unsubscribeMailto;

  public EmailComposer(
      TemplateStore templates, TrackingToken tokens, LinkTargets links, String from) {
    this(templates, tokens, links, from, null);
  }

  /**
   * {@code unsubscribeMailto}, when set, is offered in {@code List-Unsubscribe} after the one-click
   * URL (an address whose mail someone reads or a program processes).
   */
  public EmailComposer(
      TemplateStore templates,
      TrackingToken tokens,
      LinkTargets links,
      String from,
      String unsubscribeMailto) {
    this.templates = templates;
    this.tokens = tokens;
    this.unsubscribeTokens = tokens.forPurpose(TrackingToken.UNSUBSCRIBE);
    this.links = links;
    this.from = from;
    this.unsubscribeMailto =
        unsubscribeMailto == null || unsubscribeMailto.isBlank() ? null : unsubscribeMailto.trim();
  }

  public EmailMessage compose(OutboxMessage m, Contact contact) {
    return render(m, contact);
  }

  /**
   * The message, and the same with tags in place of its personal parts: what SendGrid carries as
   * one content for many recipients with {@code substitutions} per recipient. Null tags when a
   * template's own text holds something that looks like a tag (then it goes whole, on its own).
   */
  public Tagged composeTagged(OutboxMessage m, Contact contact) {
    EmailMessage message = render(m, contact);
    Map<String, String> substitutions = new LinkedHashMap<>();
    String html =
        message.html() == null ? null : tagged(m, contact, "html", HTML_TAG, substitutions);
    String text =
        message.text() == null ? null : tagged(m, contact, "txt", TEXT_TAG, substitutions);
    if (message.html() != null && html == null || message.text() != null && text == null) {
      return new Tagged(message, null, null, Map.of());
    }
    return new Tagged(message, html, text, substitutions);
  }

  private String tagged(
      OutboxMessage m, Contact contact, String part, String prefix, Map<String, String> tags) {
    return templates
        .find(m.template(), part)
        .filter(t -> !t.contains("%wb"))
        .map(
            t ->
                renderer.renderTagged(
                    t, values(m, contact), tracked(m), part.equals("html"), prefix, tags))
        .orElse(null);
  }

  private EmailMessage render(OutboxMessage m, Contact contact) {
    Map<String, String> values = values(m, contact);
    Function<String, String> tracked = tracked(m);
    String html =
        templates
            .find(m.template(), "html")
            .map(t -> renderer.render(t, values, tracked, true))
            .orElse(null);
    String text =
        templates
            .find(m.template(), "txt")
            .map(t -> renderer.render(t, values, tracked, false))
            .orElse(null);
    if (html == null && text == null) {
      throw new IllegalStateException("template " + m.template() + " has neither .html nor .txt");
    }
    String subject =
        renderer.render(m.subject() == null ? "" : m.subject(), values, tracked, false);
    SmtpAddress to = SmtpAddress.of(m.recipient());
    return new EmailMessage(
        m.id(), from, to.address(), to.needsSmtpUtf8(), subject, html, text, listUnsubscribe(m));
  }

  private static Map<String, String> values(OutboxMessage m, Contact contact) {
    Map<String, String> values = new HashMap<>();
    values.put("first_name", contact.firstName());
    values.put("last_name", contact.lastName());
    values.put("email", m.recipient());
    return values;
  }

  private Function<String, String> tracked(OutboxMessage m) {
    return name -> {
      if (!links.has(name)) {
        throw new IllegalStateException(
            "template " + m.template() + " uses unknown link '" + name + "'");
      }
      return links.clickUrl(tokens.sign(m.id(), name));
    };
  }

  /** {@code <https://hub/u/TOKEN>}, then {@code <mailto:...?subject=unsubscribe%20TOKEN>}. */
  private String listUnsubscribe(OutboxMessage m) {
    String token = unsubscribeTokens.sign(m.id(), m.channel().code());
    String header = "<" + links.unsubscribeUrl(token) + ">";
    if (unsubscribeMailto != null) {
      header +=
          ", <mailto:"
              + unsubscribeMailto
              + "?subject="
              + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8)
                  .replace("+", "%20")
              + ">";
    }
    return header;
  }
}
