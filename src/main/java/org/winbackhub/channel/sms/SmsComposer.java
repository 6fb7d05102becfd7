package org.winbackhub.channel.sms;

import java.util.HashMap;
import java.util.Map;
import org.winbackhub.channel.email.TemplateRenderer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.tracking.TrackingToken;

/**
 * Renders an outbox SMS for its contact: the text template ({@code config/templates/NAME.txt})
 * through the same renderer as email (fields with fallbacks), links shortened ({@link ShortLinks}),
 * surrounding blank space trimmed, and counted in segments; a text over {@code maxSegments} is
 * refused ({@link SmsTooLong}).
 */
public final class SmsComposer {
  /** The link name a delivery report's signed token carries: it leads nowhere as a click. */
  public static final String REPORT_LINK = "dlr";

  private final TemplateStore templates;
  private final TemplateRenderer renderer = new TemplateRenderer();
  private final ShortLinks links;
  private final TrackingToken tokens;
  private final String from;
  private final int maxSegments;

  public SmsComposer(
      TemplateStore templates,
      ShortLinks links,
      TrackingToken tokens,
      String from,
      int maxSegments) {
    this.templates = templates;
    this.links = links;
    this.tokens = tokens;
    this.from = from;
    this.maxSegments = maxSegments;
  }

  public SmsMessage compose(OutboxMessage m, Contact contact) {
    String template =
        templates
            .find(m.template(), "txt")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "SMS template " + m.template() + " has no " + m.template() + ".txt"));
    Map<String, String> values = new HashMap<>();
    values.put("first_name", contact.firstName());
    values.put("last_name", contact.lastName());
    String text = renderer.render(template, values, name -> links.url(m, name), false).strip();
    SmsSegments segments = SmsSegments.of(text);
    if (segments.segments() > maxSegments) {
      throw new SmsTooLong(m.template(), segments, maxSegments);
    }
    return new SmsMessage(
        m.id(),
        m.idempotencyKey(),
        m.recipient(),
        from,
        text,
        segments,
        tokens.sign(m.id(), REPORT_LINK));
  }
}
