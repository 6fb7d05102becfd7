package org.winbackhub.channel;

/** An outbox message's claim was taken over before it was sent; another sender may hold it now. */
public final class ClaimLostException extends IllegalStateException {
  public ClaimLostException(long id) {
    super("claim of outbox " + id + " was taken over before sending; not sent");
  }
}
