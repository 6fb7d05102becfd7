package org.winbackhub.channel;

/** An outbox message's claim expired before it was sent; another sender may hold it now. */
public final class ClaimLostException extends IllegalStateException {
  public ClaimLostException(long id) {
    super("claim of outbox " + id + " expired before sending; not sent");
  }
}
