package org.winbackhub.channel.email;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.winbackhub.channel.email.smtp.SmtpAddress;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * Renders an outbox email for its contact, with every link tracked, the personal fields its
 * template and subject use ({@link PersonalFields}: a coupon code is given only to a message that
 * shows it), and a one-click unsubscribe (RFC 8058) in its {@code List-Unsubscribe} header.
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
  private final PersonalFields fields;
  private final String unsubscribeMailto;

  /**
   * {@code unsubscribeMailto}, when set, is offered in {@code List-Unsubscribe} after the one-click
   * URL (an address whose mail someone reads or a program processes).
   */
  public EmailComposer(
      TemplateStore templates,
      TrackingToken tokens,
      LinkTargets links,
      String from,
      PersonalFields fields,
      String unsubscribeMailto) {
    this.fields = fields;
    this.templates = templates;
    this.tokens = tokens;
    this.unsubscribeTokens = tokens.forPurpose(TrackingToken.UNSUBSCRIBE);
    this.links = links;
    this.from = from;
    this.unsubscribeMailto =
        unsubscribeMailto == null || unsubscribeMailto.isBlank() ? null : unsubscribeMailto.trim();
  }

  public EmailMessage compose(OutboxMessage m, Contact contact) {
    return render(m, values(m, contact), tracked(m));
  }

  /**
   * The message, and the same with tags in place of its personal parts: what SendGrid carries as
   * one content for many recipients with {@code substitutions} per recipient. Null tags when a
   * template's own text holds something that looks like a tag (then it goes whole, on its own).
   */
  public Tagged composeTagged(OutboxMessage m, Contact contact) {
    Map<String, String> values = values(m, contact);
    EmailMessage message = render(m, values, tracked(m));
    Map<String, String> substitutions = new LinkedHashMap<>();
    String html =
        message.html() == null ? null : tagged(m, values, "html", HTML_TAG, substitutions);
    String text = message.text() == null ? null : tagged(m, values, "txt", TEXT_TAG, substitutions);
    if (message.html() != null && html == null || message.text() != null && text == null) {
      return new Tagged(message, null, null, Map.of());
    }
    return new Tagged(message, html, text, substitutions);
  }

  private String tagged(
      OutboxMessage m,
      Map<String, String> values,
      String part,
      String prefix,
      Map<String, String> tags) {
    return templates
        .find(m.template(), part)
        .filter(t -> !t.contains("%wb"))
        .map(t -> renderer.renderTagged(t, values, tracked(m), part.equals("html"), prefix, tags))
        .orElse(null);
  }

  private EmailMessage render(
      OutboxMessage m, Map<String, String> values, Function<String, String> tracked) {
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

  /**
   * The personal fields the message's templates and subject use (a coupon code given here when one
   * shows it); an offer field without a fallback must have a value.
   */
  private Map<String, String> values(OutboxMessage m, Contact contact) {
    TemplateRenderer.FieldUse use =
        renderer.fieldsUsed(
            List.of(
                templates.find(m.template(), "html").orElse(""),
                templates.find(m.template(), "txt").orElse(""),
                m.subject() == null ? "" : m.subject()));
    Map<String, String> values = fields.values(m, contact, use.used());
    PersonalFields.requireOfferFields(m, values, use.bare());
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
