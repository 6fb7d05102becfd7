package org.winbackhub.channel.sms;

/**
 * A rendered SMS, as every provider's sink takes it: the outbox row it is ({@code outboxId}, and
 * {@code reference}, its idempotency key, which a gateway that deduplicates can use), the E.164
 * number it goes {@code to}, the sender ({@code from}: a number or an alphanumeric sender id), the
 * {@code text}, how it travels ({@code segments}), and {@code reportToken}, a signed token naming
 * the message that the delivery report URL carries, so the report can be verified when it comes.
 */
public record SmsMessage(
    long outboxId,
    String reference,
    String to,
    String from,
    String text,
    SmsSegments segments,
    String reportToken) {

  /** True when the text must be sent in UCS-2 (a character outside the GSM 7-bit alphabet). */
  public boolean unicode() {
    return segments.encoding() == SmsSegments.Encoding.UCS2;
  }

  /** As logs may show it: no number, no text. */
  @Override
  public String toString() {
    return "SMS for outbox " + outboxId + ", " + segments;
  }
}
