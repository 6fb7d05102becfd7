package org.winbackhub.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.winbackhub.model.Channel;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ClaimScope;
import org.winbackhub.store.OutboxRepository;

/**
 * What every channel does with the outbox rows it sends (docs/RELIABILITY.md): claim a batch of its
 * channel, as many as it sends at once, mark each SENDING just before the handover, record the
 * provider's acceptance with its message id, and record a failure by what it means: retried with
 * backoff when it surely did not reach the provider, FAILED when refused for good, UNCERTAIN when
 * it may have gone. Rendering and the provider's own rules are the channel's.
 */
public final class OutboxLedger {
  private final OutboxRepository outbox;
  private final Channel channel;
  private final ClaimScope scope;
  private final RetryPolicy retry;
  private final SenderInstance sender;
  private final int concurrency;
  private final Clock clock;

  public OutboxLedger(
      OutboxRepository outbox,
      Channel channel,
      ClaimScope scope,
      RetryPolicy retry,
      SenderInstance sender,
      int concurrency,
      Clock clock) {
    this.outbox = outbox;
    this.channel = channel;
    this.scope = scope;
    this.retry = retry;
    this.sender = sender;
    this.concurrency = concurrency;
    this.clock = clock;
  }

  /**
   * Claims the next batch of due messages of this channel (of the journeys in its scope), as many
   * as are sent at once; never one to a suppressed or opted-out address. Empty while this sender
   * may not claim (not beating yet, or stopping).
   */
  public List<OutboxMessage> claim() {
    if (!sender.mayClaim()) {
      return List.of();
    }
    return outbox.claim(channel, scope, concurrency, sender.id(), clock.instant());
  }

  /**
   * Marks the message SENDING just before it is handed to {@code provider}; from here on a failure
   * may be ambiguous. Throws {@link ClaimLostException} when the claim was taken over meanwhile.
   */
  public void sending(OutboxMessage m, String provider) {
    if (!outbox.markSending(m, provider, clock.instant())) {
      throw new ClaimLostException(m.id());
    }
  }

  /**
   * Gives the claimed message back unsent, its attempt not counted, not before {@code until}: its
   * provider may not be sent to now ({@code why}).
   */
  public void hold(OutboxMessage m, Instant until, String why) {
    outbox.markHeld(m, until, why, clock.instant());
  }

  /**
   * Records the provider's acceptance with its message id, or the message's own key when the
   * provider gives none (also when a takeover made it UNCERTAIN meanwhile).
   */
  public void sent(OutboxMessage m, String providerMessageId) {
    outbox.markSent(
        m,
        providerMessageId == null || providerMessageId.isBlank()
            ? m.idempotencyKey()
            : providerMessageId,
        clock.instant());
  }

  /**
   * Records a failed attempt; returns true when it will be tried again. A message refused for good
   * is FAILED; one that may have gone is UNCERTAIN once it was handed over (before that, nothing
   * can have gone and it is retried); any other is retried with backoff, not before the provider's
   * own wait (at most the policy's longest), and FAILED after the last attempt.
   */
  public boolean failed(OutboxMessage m, SendFailure failure) {
    Instant now = clock.instant();
    if (failure.kind() == SendFailure.Kind.PERMANENT) {
      outbox.markFailed(m, failure.why(), null, now);
      return false;
    }
    if (failure.kind() == SendFailure.Kind.AMBIGUOUS
        && outbox.markUncertain(m, "maybe sent, not retried: " + failure.why(), now)) {
      return false;
    }
    Instant next = retry.nextTry(m.attempts(), now);
    if (next != null && failure.retryAfter() != null) {
      // the provider's own wait, if longer, but never beyond the policy's longest
      Instant asked =
          now.plus(
              failure.retryAfter().compareTo(retry.maxDelay()) > 0
                  ? retry.maxDelay()
                  : failure.retryAfter());
      next = asked.isAfter(next) ? asked : next;
    }
    outbox.markFailed(m, failure.why(), next, now);
    return next != null;
  }
}
