package org.winbackhub.channel.sms;

/**
 * A rendered SMS over {@code hub.sms.max-segments}: never handed to a provider, and no retry makes
 * it shorter (its fields, a long name or a character that switches it to UCS-2, made it so).
 */
public final class SmsTooLong extends IllegalStateException {
  public SmsTooLong(String template, SmsSegments segments, int max) {
    super(
        "SMS from template "
            + template
            + " is "
            + segments
            + ", over hub.sms.max-segments = "
            + max
            + "; not sent");
  }
}
