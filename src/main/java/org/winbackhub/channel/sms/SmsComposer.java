package org.winbackhub.channel.sms;

import java.util.List;
import java.util.Map;
import org.winbackhub.channel.email.TemplateRenderer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.tracking.TrackingToken;

/**
 * Renders an outbox SMS for its contact: the text template ({@code config/templates/NAME.txt})
 * through the same renderer and personal fields as email (a coupon code given when it shows one),
 * links shortened ({@link ShortLinks}), surrounding blank space trimmed, and counted in segments; a
 * text over {@code maxSegments} is refused ({@link SmsTooLong}).
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
  private final PersonalFields fields;

  public SmsComposer(
      TemplateStore templates,
      ShortLinks links,
      TrackingToken tokens,
      String from,
      int maxSegments,
      PersonalFields fields) {
    this.fields = fields;
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
    TemplateRenderer.FieldUse use = renderer.fieldsUsed(List.of(template));
    Map<String, String> values = fields.values(m, contact, use.used());
    PersonalFields.requireOfferFields(m, values, use.bare());
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
