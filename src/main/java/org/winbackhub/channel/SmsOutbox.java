package org.winbackhub.channel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.winbackhub.channel.sms.SmsComposer;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsTooLong;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.store.ContactRepository;

/**
 * The SMS side of the outbox: messages rendered by {@link SmsComposer} (one over {@code
 * hub.sms.max-segments} fails for good), each routed to its provider ({@link ProviderRoutes}: by
 * journey, by calling code, else the default), sent within that provider's rate limit and through
 * its circuit breaker; the provider's answers classified by its own rules (a {@link
 * ProviderFailure} from its sink), failures of the HTTP call by {@link HttpFailure}. A message
 * whose provider is shut (breaker open, paused) goes back unsent, its attempt not counted, until
 * the provider may be tried again; the other providers' messages go on.
 */
public final class SmsOutbox extends ChannelOutbox<SmsMessage> {
  /** A provider's gate (breaker and pause) and rate limit. */
  public record Lane(ProviderGate gate, SendRate rate) {}

  private final SmsComposer composer;
  private final ProviderRoutes routes;
  private final Map<String, Lane> lanes;

  /** Messages whose provider's breaker gave a permission: their outcome is owed to it. */
  private final Set<Long> calling = ConcurrentHashMap.newKeySet();

  public SmsOutbox(
      OutboxLedger ledger,
      ContactRepository contacts,
      SmsComposer composer,
      ProviderRoutes routes,
      Map<String, Lane> lanes) {
    super(ledger, contacts);
    this.composer = composer;
    this.routes = routes;
    this.lanes = Map.copyOf(lanes);
    for (String p : routes.providers()) {
      if (!lanes.containsKey(p)) {
        throw new IllegalArgumentException("SMS provider " + p + " is routed to but not set up");
      }
    }
  }

  @Override
  public String provider(OutboxMessage m) {
    return routes.providerFor(m.journeyId(), m.recipient());
  }

  @Override
  protected SmsMessage render(OutboxMessage m, Contact contact) {
    return composer.compose(m, contact);
  }

  /**
   * Marks the message SENDING once its provider may take it: when the provider is shut it goes back
   * unsent ({@link HeldForProvider}); otherwise it waits for the provider's rate limit.
   */
  @Override
  public void sending(OutboxMessage m) {
    String provider = provider(m);
    Lane lane = lanes.get(provider);
    if (!lane.gate().tryCall()) {
      String why = "held: SMS provider " + provider + " " + lane.gate().trouble().orElse("shut");
      hold(m, lane.gate().reopensAt(), why);
      throw new HeldForProvider(m.id(), why);
    }
    calling.add(m.id());
    try {
      lane.rate().acquire(1);
      super.sending(m);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the rate limit", e);
    }
  }

  @Override
  public void sent(OutboxMessage m, String providerMessageId) {
    if (calling.remove(m.id())) {
      lanes.get(provider(m)).gate().succeeded();
    }
    super.sent(m, providerMessageId);
  }

  @Override
  public boolean failed(OutboxMessage m, Exception error) {
    if (calling.remove(m.id())) {
      lanes.get(provider(m)).gate().failed(error);
    }
    return super.failed(m, error);
  }

  @Override
  protected SendFailure classify(Exception error) {
    if (error instanceof SmsTooLong) {
      return SendFailure.permanent(error.getMessage());
    }
    return HttpFailure.of(error);
  }

  /** Whether a failure counts against the provider (all but a refusal of one message for good). */
  public static boolean trouble(Throwable error) {
    return !(error instanceof SmsTooLong)
        && HttpFailure.of(error).kind() != SendFailure.Kind.PERMANENT;
  }
}
