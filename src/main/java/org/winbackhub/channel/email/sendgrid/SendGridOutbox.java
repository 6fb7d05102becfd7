package org.winbackhub.channel.email.sendgrid;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.winbackhub.channel.ClaimLostException;
import org.winbackhub.channel.ProviderGate;
import org.winbackhub.channel.RetryPolicy;
import org.winbackhub.channel.SendRate;
import org.winbackhub.channel.SenderInstance;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ClaimScope;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.OutboxRepository;

/**
 * The email outbox as the SendGrid route drains it: claim up to a batch (never while the gate is
 * shut), render and group into {@code mail/send} requests, mark them SENDING, and record SendGrid's
 * answer (docs/CONFIGURATION.md, "SendGrid"). Nothing of a request answered 4xx or 5xx was sent, so
 * no such answer makes a row UNCERTAIN: only a failure after the request may have reached SendGrid
 * (no answer in time) does, and it is never sent again by itself.
 */
public final class SendGridOutbox {
  /** What the route sends: the batch (the rows still held) and its request body. */
  public record Call(SendGridBatch batch, String json) {}

  private static final Set<String> NOT_SENT =
      Set.of("ConnectTimeoutException", "ConnectionRequestTimeoutException");

  private final OutboxRepository outbox;
  private final ContactRepository contacts;
  private final EmailComposer composer;
  private final RetryPolicy retry;
  private final SenderInstance sender;
  private final ProviderGate gate;
  private final ClaimScope scope;
  private final SendRate rate;
  private final int maxBatch;
  private final Duration hold;
  private final Clock clock;
  private final AtomicInteger batchSize;

  /**
   * {@code maxBatch}: personalizations per request (at most 1,000); {@code hold}: how long the
   * provider is left alone, and the batch held, after it refused this hub's requests (401, 403).
   */
  public SendGridOutbox(
      OutboxRepository outbox,
      ContactRepository contacts,
      EmailComposer composer,
      RetryPolicy retry,
      SenderInstance sender,
      ProviderGate gate,
      ClaimScope scope,
      SendRate rate,
      int maxBatch,
      Duration hold,
      Clock clock) {
    this.outbox = outbox;
    this.contacts = contacts;
    this.composer = composer;
    this.retry = retry;
    this.sender = sender;
    this.gate = gate;
    this.scope = scope;
    this.rate = rate;
    this.maxBatch = Math.min(1000, Math.max(1, maxBatch));
    this.hold = hold;
    this.clock = clock;
    this.batchSize = new AtomicInteger(this.maxBatch);
  }

  public ProviderGate gate() {
    return gate;
  }

  /** The next due emails, rendered and grouped into requests; empty while the gate is shut. */
  public List<SendGridBatch> claim() {
    if (!sender.mayClaim() || !gate.mayClaim()) {
      return List.of();
    }
    List<OutboxMessage> rows =
        outbox.claim(Channel.EMAIL, scope, batchSize.get(), sender.id(), clock.instant());
    List<SendGridBatches.Composed> composed = new ArrayList<>();
    for (OutboxMessage m : rows) {
      try {
        Contact contact =
            contacts
                .find(m.contactId())
                .orElseThrow(() -> new IllegalStateException("contact is gone"));
        composed.add(new SendGridBatches.Composed(m, composer.composeTagged(m, contact)));
      } catch (RuntimeException e) {
        retryLater(List.of(m), "not rendered: " + e.getMessage());
      }
    }
    return SendGridBatches.group(composed);
  }

  /**
   * Waits for the rate limit, then marks the batch SENDING: from here on a failure may be
   * ambiguous. Rows whose claim was taken over meanwhile are left out of the request.
   */
  public Call sending(SendGridBatch batch) throws InterruptedException {
    rate.acquire(batch.size());
    List<OutboxMessage> held =
        outbox.markSendingAll(batch.rows(), gate.provider(), clock.instant());
    if (held.isEmpty()) {
      throw new ClaimLostException(batch.rows().get(0).id());
    }
    SendGridBatch b = held.size() == batch.size() ? batch : batch.only(held);
    return new Call(b, SendGridRequest.json(b));
  }

  /** Records SendGrid's answer to the batch; what happened, for the log. */
  public String answered(SendGridBatch batch, SendGridAnswer answer) {
    Instant now = clock.instant();
    List<OutboxMessage> rows = batch.rows();
    switch (answer.kind()) {
      case ACCEPTED -> {
        String id = answer.messageId() == null ? "sendgrid:" + answer.status() : answer.messageId();
        outbox.markSentAll(rows, id, now);
        batchSize.updateAndGet(n -> Math.min(maxBatch, n + Math.max(1, maxBatch / 8)));
        return "sent " + rows.size() + " (X-Message-Id " + id + ")";
      }
      case REFUSED -> {
        return refused(batch, answer);
      }
      case REFUSED_HUB -> {
        Instant until = now.plus(hold);
        gate.pause(until, answer.reason());
        release(rows, answer.reason() + "; nothing sent, held until " + until, until);
        return answer.reason() + ": nothing sent; SendGrid left alone until " + until;
      }
      case TOO_LARGE -> {
        if (rows.size() == 1) {
          outbox.markFailed(rows.get(0), answer.reason() + ": too large to send", null, now);
          return answer.reason() + ": one message too large, FAILED";
        }
        int half = Math.max(1, rows.size() / 2);
        batchSize.updateAndGet(n -> Math.min(n, half));
        release(rows, answer.reason() + "; sent again in smaller batches", now);
        return answer.reason() + ": batches of at most " + half + " from now on";
      }
      case RATE_LIMITED -> {
        Instant until = answer.retryAt(now);
        gate.pause(until, answer.reason());
        release(rows, answer.reason() + "; not sent before " + until, until);
        return answer.reason() + ": waiting until " + until;
      }
      default -> {
        retryLater(rows, answer.reason());
        return answer.reason() + ": tried again later";
      }
    }
  }

  /**
   * A 400: the personalizations the errors name fail for good; the others were not sent either
   * (SendGrid refuses the whole request) and go again at once. An error that names no
   * personalization fails the batch.
   */
  private String refused(SendGridBatch batch, SendGridAnswer answer) {
    Instant now = clock.instant();
    List<OutboxMessage> rows = batch.rows();
    Map<Integer, String> named = answer.refusedPersonalizations().orElse(Map.of());
    if (named.isEmpty() || named.keySet().stream().anyMatch(i -> i >= rows.size())) {
      rows.forEach(m -> outbox.markFailed(m, answer.reason(), null, now));
      return answer.reason() + ": " + rows.size() + " FAILED";
    }
    List<OutboxMessage> others = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String why = named.get(i);
      if (why != null) {
        outbox.markFailed(rows.get(i), "SendGrid refused it (400): " + why, null, now);
      } else {
        others.add(rows.get(i));
      }
    }
    release(others, "not sent: another message of its request was refused (400)", now);
    return answer.reason() + ": " + named.size() + " FAILED, " + others.size() + " sent again";
  }

  /** A call that failed without an answer; what happened, for the log. */
  public String failed(SendGridBatch batch, Exception error) {
    List<OutboxMessage> rows = batch.rows();
    String why = describe(error);
    if (ProviderGate.causedBy(error, ClaimLostException.class::isInstance)) {
      return "not sent: its claim was taken over";
    }
    if (ProviderGate.refusedByBreaker(error)) {
      release(rows, "not sent: the SendGrid circuit breaker is open", clock.instant());
      return "not sent: circuit breaker open";
    }
    if (ProviderGate.causedBy(error, SendGridUnavailable.class::isInstance)
        || ProviderGate.causedBy(error, SendGridOutbox::notConnected)) {
      retryLater(rows, why);
      return why + ": tried again later";
    }
    int uncertain = 0;
    for (OutboxMessage m : rows) {
      if (outbox.markUncertain(m, "maybe sent, not retried: " + why, clock.instant())) {
        uncertain++;
      } else {
        retryLater(List.of(m), why); // it had not been handed over
      }
    }
    return why + ": " + uncertain + " UNCERTAIN";
  }

  /** Back to PENDING, due at {@code at}, without counting against the message's attempts. */
  private void release(List<OutboxMessage> rows, String why, Instant at) {
    Instant now = clock.instant();
    rows.forEach(m -> outbox.markFailed(m, why, at, now));
  }

  /** Back to PENDING with backoff, FAILED after the last attempt. */
  private void retryLater(List<OutboxMessage> rows, String why) {
    Instant now = clock.instant();
    rows.forEach(m -> outbox.markFailed(m, why, retry.nextTry(m.attempts(), now), now));
  }

  /** No connection was made: the request cannot have reached SendGrid. */
  static boolean notConnected(Throwable t) {
    return t instanceof ConnectException
        || t instanceof UnknownHostException
        || t instanceof NoRouteToHostException
        || NOT_SENT.contains(t.getClass().getSimpleName());
  }

  static String describe(Throwable error) {
    StringBuilder why = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && why.indexOf(t.getMessage()) < 0) {
        why.append(why.isEmpty() ? "" : "; ")
            .append(t.getClass().getSimpleName())
            .append(": ")
            .append(t.getMessage());
      }
    }
    return why.isEmpty() ? error.getClass().getSimpleName() : why.toString();
  }
}
