package org.winbackhub.channel.email;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.winbackhub.channel.email.smtp.SmtpAddress;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/** Renders an outbox email for its contact, with every link tracked. */
public final class EmailComposer {
  private final TemplateStore templates;
  private final TemplateRenderer renderer = new TemplateRenderer();
  private final TrackingToken tokens;
  private final LinkTargets links;
  private final String from;

  public EmailComposer(
      TemplateStore templates, TrackingToken tokens, LinkTargets links, String from) {
    this.templates = templates;
    this.tokens = tokens;
    this.links = links;
    this.from = from;
  }

  public EmailMessage compose(OutboxMessage m, Contact contact) {
    Map<String, String> values = new HashMap<>();
    values.put("first_name", contact.firstName());
    values.put("last_name", contact.lastName());
    values.put("email", m.recipient());
    Function<String, String> tracked =
        name -> {
          if (!links.has(name)) {
            throw new IllegalStateException(
                "template " + m.template() + " uses unknown link '" + name + "'");
          }
          return links.clickUrl(tokens.sign(m.id(), name));
        };
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
    return new EmailMessage(m.id(), from, to.address(), to.needsSmtpUtf8(), subject, html, text);
  }
}
