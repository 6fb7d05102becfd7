package org.winbackhub.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an open (a fetch of the tracking pixel) was a machine rather than a person. A
 * machine open is kept but flagged: it does not count as engagement, in sunset or in reports.
 *
 * <ul>
 *   <li>Apple Mail Privacy Protection: Apple's proxy fetches every image of a message when it
 *       reaches the device, read or not. Those fetches come from Apple's own network (17.0.0.0/8)
 *       with the bare user agent {@code Mozilla/5.0}; either sign marks the open.
 *   <li>A security gateway or script: an agent of {@link KnownAgents}, or no user agent at all.
 *   <li>Too soon: an open less than {@code tooSoon} (2 seconds by default) after the message was
 *       delivered (or sent, when no delivery is known), or before it: no person reads that fast; a
 *       gateway scanning the message does.
 *   <li>Ranges and agents the operator adds (a corporate proxy known to prefetch).
 * </ul>
 *
 * Gmail's image proxy ({@code GoogleImageProxy}) and Yahoo's ({@code YahooMailProxy}) are
 * recognized and named in the verdict, but count as human by default: they fetch the image when the
 * person opens the message (and hide only the reader's address), so flagging them would erase every
 * Gmail and Yahoo open. {@code proxiesAreMachines} turns that around.
 */
public final class MachineOpens {
  public static final Duration DEFAULT_TOO_SOON = Duration.ofSeconds(2);

  /** Apple's own network, where Mail Privacy Protection's prefetches come from. */
  public static final String APPLE_NETWORK = "17.0.0.0/8";

  /** Why an open was judged as it was. */
  public enum Reason {
    APPLE_PRIVACY_PROTECTION,
    KNOWN_AGENT,
    NO_USER_AGENT,
    KNOWN_ADDRESS,
    TOO_SOON_AFTER_DELIVERY,
    /** Gmail's or Yahoo's image proxy: a person's open seen through the provider. */
    MAIL_PROVIDER_PROXY,
    /** Nothing marks it as a machine. */
    HUMAN
  }

  /** The judgement: {@code machine}, and why ({@code detail}: the agent or time; no address). */
  public record Verdict(boolean machine, Reason reason, String detail) {}

  private final Duration tooSoon;
  private final List<String> extraAgents;
  private final IpRanges apple = new IpRanges(List.of(APPLE_NETWORK));
  private final IpRanges extraRanges;
  private final boolean proxiesAreMachines;

  public MachineOpens() {
    this(DEFAULT_TOO_SOON, List.of(), List.of(), false);
  }

  /**
   * @param tooSoon an open sooner than this after delivery is a machine's
   * @param extraAgents more user-agent substrings that mark a machine
   * @param extraCidrs more address ranges whose opens are machines' (CIDR)
   * @param proxiesAreMachines also count Gmail's and Yahoo's image proxies as machines
   */
  public MachineOpens(
      Duration tooSoon,
      List<String> extraAgents,
      List<String> extraCidrs,
      boolean proxiesAreMachines) {
    if (tooSoon == null || tooSoon.isNegative()) {
      throw new IllegalArgumentException("the machine-open delay must be zero or more");
    }
    this.tooSoon = tooSoon;
    this.extraAgents = new ArrayList<>(extraAgents);
    this.extraRanges = new IpRanges(extraCidrs);
    this.proxiesAreMachines = proxiesAreMachines;
  }

  /**
   * Judges one open.
   *
   * @param openedAt when the pixel was fetched
   * @param deliveredAt when the provider reported the message delivered, else when it was sent;
   *     null when neither is known (the timing rule is then skipped)
   * @param userAgent the request's User-Agent, may be null
   * @param ip the client address as the hub saw it (literal IPv4 or IPv6), may be null
   */
  public Verdict classify(Instant openedAt, Instant deliveredAt, String userAgent, String ip) {
    String ua = userAgent == null ? "" : userAgent.trim();
    if (apple.contains(ip) || ua.equals("Mozilla/5.0")) {
      return new Verdict(true, Reason.APPLE_PRIVACY_PROTECTION, "Apple Mail Privacy Protection");
    }
    if (ua.isEmpty()) {
      return new Verdict(true, Reason.NO_USER_AGENT, "no User-Agent");
    }
    String agent = KnownAgents.scanner(ua, extraAgents);
    if (agent != null) {
      return new Verdict(true, Reason.KNOWN_AGENT, agent);
    }
    if (extraRanges.contains(ip)) {
      return new Verdict(true, Reason.KNOWN_ADDRESS, "a configured machine address range");
    }
    if (deliveredAt != null && openedAt != null) {
      Duration after = Duration.between(deliveredAt, openedAt);
      if (after.compareTo(tooSoon) < 0) {
        return new Verdict(
            true,
            Reason.TOO_SOON_AFTER_DELIVERY,
            after.toMillis() + " ms after delivery, under " + tooSoon.toMillis() + " ms");
      }
    }
    String proxy = providerProxy(ua);
    if (proxy != null) {
      return new Verdict(proxiesAreMachines, Reason.MAIL_PROVIDER_PROXY, proxy);
    }
    return new Verdict(false, Reason.HUMAN, "");
  }

  private static String providerProxy(String ua) {
    String lower = ua.toLowerCase(Locale.ROOT);
    if (lower.contains("googleimageproxy")) {
      return "GoogleImageProxy";
    }
    if (lower.contains("yahoomailproxy")) {
      return "YahooMailProxy";
    }
    return null;
  }
}
