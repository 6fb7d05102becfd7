package org.winbackhub.channel;

/**
 * A claimed message given back unsent because its provider may not be sent to now (its breaker is
 * open, it asked to be left alone): not a failure, its attempt is not counted.
 */
public final class HeldForProvider extends RuntimeException {
  public HeldForProvider(long outboxId, String why) {
    super("outbox " + outboxId + " " + why, null, false, false);
  }
}
