package org.winbackhub.channel.email;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.winbackhub.channel.email.smtp.SmtpAddress;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * Renders an outbox email for its contact, with every link tracked and the personal fields its
 * template and subject use ({@link PersonalFields}: a coupon code is given only to a message that
 * shows it).
 */
public final class EmailComposer {
  private final TemplateStore templates;
  private final TemplateRenderer renderer = new TemplateRenderer();
  private final TrackingToken tokens;
  private final LinkTargets links;
  private final String from;
  private final PersonalFields fields;

  public EmailComposer(
      TemplateStore templates,
      TrackingToken tokens,
      LinkTargets links,
      String from,
      PersonalFields fields) {
    this.templates = templates;
    this.tokens = tokens;
    this.links = links;
    this.from = from;
    this.fields = fields;
  }

  public EmailMessage compose(OutboxMessage m, Contact contact) {
    Optional<String> htmlTemplate = templates.find(m.template(), "html");
    Optional<String> textTemplate = templates.find(m.template(), "txt");
    if (htmlTemplate.isEmpty() && textTemplate.isEmpty()) {
      throw new IllegalStateException("template " + m.template() + " has neither .html nor .txt");
    }
    TemplateRenderer.FieldUse use =
        renderer.fieldsUsed(List.of(htmlTemplate.orElse(""), textTemplate.orElse(""), subject(m)));
    Map<String, String> values = fields.values(m, contact, use.used());
    PersonalFields.requireOfferFields(m, values, use.bare());
    Function<String, String> tracked =
        name -> {
          if (!links.has(name)) {
            throw new IllegalStateException(
                "template " + m.template() + " uses unknown link '" + name + "'");
          }
          return links.clickUrl(tokens.sign(m.id(), name));
        };
    String html = htmlTemplate.map(t -> renderer.render(t, values, tracked, true)).orElse(null);
    String text = textTemplate.map(t -> renderer.render(t, values, tracked, false)).orElse(null);
    String subject = renderer.render(subject(m), values, tracked, false);
    SmtpAddress to = SmtpAddress.of(m.recipient());
    return new EmailMessage(m.id(), from, to.address(), to.needsSmtpUtf8(), subject, html, text);
  }

  private static String subject(OutboxMessage m) {
    return m.subject() == null ? "" : m.subject();
  }
}
