package org.winbackhub.feedback.webhooks;

/**
 * What a webhook verifier decided about one request: accepted, or refused with the kind of fault
 * and a reason that names what was wrong (the header or parameter, the age of a timestamp). The
 * reason never holds a secret, a signature or personal data, so it may be logged and returned in a
 * 4xx body as it is.
 *
 * <p>{@code replayKey} is set on an accepted request whose verifier keeps a {@link ReplayGuard}: if
 * storing the request then fails, the caller gives the key back with {@link
 * ReplayGuard#forget(String)} so that the provider's retry is not refused as a replay.
 */
public record WebhookVerdict(Status status, String reason, String replayKey) {

  /** The kinds of verdict; everything but {@link #ACCEPTED} is a refusal. */
  public enum Status {
    ACCEPTED,
    /** A required header or parameter is absent or empty. */
    MISSING,
    /** A header or parameter is there but not in the provider's format. */
    MALFORMED,
    /** The signature or token does not verify: forged, tampered or signed with another key. */
    BAD_SIGNATURE,
    /** The signed timestamp is older than the window allows, or too far in the future. */
    EXPIRED,
    /** The same signed request was already accepted within its window. */
    REPLAYED
  }

  public static WebhookVerdict accepted() {
    return new WebhookVerdict(Status.ACCEPTED, "accepted", null);
  }

  public static WebhookVerdict accepted(String replayKey) {
    return new WebhookVerdict(Status.ACCEPTED, "accepted", replayKey);
  }

  public static WebhookVerdict refused(Status status, String reason) {
    if (status == Status.ACCEPTED) {
      throw new IllegalArgumentException("a refusal needs a refusing status");
    }
    return new WebhookVerdict(status, reason, null);
  }

  public boolean isAccepted() {
    return status == Status.ACCEPTED;
  }
}
