package org.winbackhub.channel.sms.smpp;

import java.time.Duration;

/**
 * How the hub binds to its SMSC and keeps the session: where ({@code host}, {@code port}), as whom
 * ({@code systemId}, {@code password}, {@code systemType}), as a transceiver (it can then take
 * deliver_sm, the delivery receipts, on the same session) or a transmitter only, how long a bind
 * and an answer to a submit_sm may take, how often an idle session is checked (enquire_link), how
 * long it waits before binding again after a loss (doubling to {@code maxRebindDelay}), and how
 * many submit_sm it sends a second at most (0: no limit).
 */
public record SmppBind(
    String host,
    int port,
    String systemId,
    String password,
    String systemType,
    boolean transceiver,
    Duration bindTimeout,
    Duration responseTimeout,
    Duration enquireLink,
    Duration rebindDelay,
    Duration maxRebindDelay,
    int maxPerSecond) {

  /** The wait before the next bind after {@code failures} failed binds in a row (0: the first). */
  public Duration rebindAfter(int failures) {
    Duration d = rebindDelay;
    for (int i = 0; i < failures && d.compareTo(maxRebindDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxRebindDelay) > 0 ? maxRebindDelay : d;
  }

  /** As logs may show it: no password. */
  @Override
  public String toString() {
    return (transceiver ? "transceiver " : "transmitter ") + systemId + "@" + host + ":" + port;
  }
}
