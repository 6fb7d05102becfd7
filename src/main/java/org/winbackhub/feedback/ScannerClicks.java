package org.winbackhub.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a click was a link scanner rather than a person. Mail security gateways
 * (Microsoft Defender Safe Links, Barracuda, Proofpoint, Mimecast and the like) fetch the links of
 * a message to inspect them, often before the person ever sees it. A scanner click is kept but
 * flagged: it makes no contact ENGAGED and counts in no report.
 *
 * <ul>
 *   <li>every link at once: all the tracked links of the message (two or more) clicked within
 *       {@code burst} (5 seconds by default) of each other, this click among them;
 *   <li>a known scanner agent ({@link KnownAgents}), or no user agent at all;
 *   <li>a click before the message was delivered (or sent, when no delivery is known);
 *   <li>an address range the operator lists as a scanner's.
 * </ul>
 *
 * A message with one link cannot be judged by the burst rule: one click is every link. The first
 * click of a burst looks human when it arrives, before the others: judge the clicks of a message
 * again once the burst has passed ({@link #classifyAll}), not only each click as it comes.
 */
public final class ScannerClicks {
  public static final Duration DEFAULT_BURST = Duration.ofSeconds(5);

  /**
   * One click as the store keeps it: the link's name, when, and the request's agent and address.
   */
  public record Click(String link, Instant at, String userAgent, String ip) {
    /** As logs may show it: no address. */
    @Override
    public String toString() {
      return "click on " + link + " at " + at;
    }
  }

  /** Why a click was judged as it was. */
  public enum Reason {
    EVERY_LINK_AT_ONCE,
    KNOWN_AGENT,
    NO_USER_AGENT,
    BEFORE_DELIVERY,
    KNOWN_ADDRESS,
    HUMAN
  }

  /** The judgement: {@code scanner}, and why ({@code detail}: the agent or count; no address). */
  public record Verdict(boolean scanner, Reason reason, String detail) {}

  private final Duration burst;
  private final List<String> extraAgents;
  private final IpRanges extraRanges;

  public ScannerClicks() {
    this(DEFAULT_BURST, List.of(), List.of());
  }

  /**
   * @param burst all links clicked within this span of each other is a scanner
   * @param extraAgents more user-agent substrings that mark a scanner
   * @param extraCidrs address ranges (CIDR) whose clicks are a scanner's
   */
  public ScannerClicks(Duration burst, List<String> extraAgents, List<String> extraCidrs) {
    if (burst == null || burst.isNegative()) {
      throw new IllegalArgumentException("the scanner burst must be zero or more");
    }
    this.burst = burst;
    this.extraAgents = new ArrayList<>(extraAgents);
    this.extraRanges = new IpRanges(extraCidrs);
  }

  /**
   * Judges one click.
   *
   * @param click the click to judge
   * @param clicksOfMessage every click recorded for the same message (this one may be among them)
   * @param linksInMessage how many distinct tracked links the message has
   * @param deliveredAt when the message was delivered, else sent; null when unknown
   */
  public Verdict classify(
      Click click, List<Click> clicksOfMessage, int linksInMessage, Instant deliveredAt) {
    String ua = click.userAgent() == null ? "" : click.userAgent().trim();
    if (ua.isEmpty()) {
      return new Verdict(true, Reason.NO_USER_AGENT, "no User-Agent");
    }
    String agent = KnownAgents.scanner(ua, extraAgents);
    if (agent != null) {
      return new Verdict(true, Reason.KNOWN_AGENT, agent);
    }
    if (deliveredAt != null && click.at().isBefore(deliveredAt)) {
      return new Verdict(
          true,
          Reason.BEFORE_DELIVERY,
          Duration.between(click.at(), deliveredAt).toMillis() + " ms before delivery");
    }
    if (extraRanges.contains(click.ip())) {
      return new Verdict(true, Reason.KNOWN_ADDRESS, "a configured scanner address range");
    }
    if (linksInMessage >= 2 && everyLinkAtOnce(click, clicksOfMessage, linksInMessage)) {
      return new Verdict(
          true,
          Reason.EVERY_LINK_AT_ONCE,
          "all " + linksInMessage + " links within " + burst.toMillis() + " ms");
    }
    return new Verdict(false, Reason.HUMAN, "");
  }

  /** Judges every click of one message, in the order given. */
  public List<Verdict> classifyAll(List<Click> clicks, int linksInMessage, Instant deliveredAt) {
    return clicks.stream().map(c -> classify(c, clicks, linksInMessage, deliveredAt)).toList();
  }

  /** Is there a span of {@code burst} holding this click and a click on every link? */
  private boolean everyLinkAtOnce(Click click, List<Click> clicks, int links) {
    List<Click> all = new ArrayList<>(clicks);
    if (!all.contains(click)) {
      all.add(click);
    }
    Instant earliest = click.at().minus(burst);
    for (Click start : all) {
      Instant from = start.at();
      Instant to = from.plus(burst);
      if (from.isBefore(earliest) || from.isAfter(click.at())) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (Click c : all) {
        if (!c.at().isBefore(from) && !c.at().isAfter(to)) {
          seen.add(c.link());
        }
      }
      if (seen.size() >= links) {
        return true;
      }
    }
    return false;
  }
}
