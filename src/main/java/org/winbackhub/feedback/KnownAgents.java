package org.winbackhub.feedback;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User agents that announce a machine: mail security gateways that fetch every link (and often
 * every image) of a message to inspect it, link-preview fetchers, and HTTP libraries. Matched as
 * case-insensitive substrings; a generic {@code bot}, {@code crawler} or {@code spider} counts only
 * as its own word or as a name ending in {@code bot/} (Googlebot/2.1), so a phone brand that
 * happens to end in "bot" does not.
 */
final class KnownAgents {
  static final List<String> SCANNERS =
      List.of(
          "barracuda",
          "mimecast",
          "proofpoint",
          "safelinks",
          "safe links",
          "symantec",
          "messagelabs",
          "trendmicro",
          "trend micro",
          "forcepoint",
          "ironport",
          "fireeye",
          "sophos",
          "zscaler",
          "checkpoint",
          "bingpreview",
          "headlesschrome",
          "phantomjs",
          "python-requests",
          "python-urllib",
          "go-http-client",
          "okhttp",
          "java/",
          "curl/",
          "wget/",
          "libwww-perl",
          "scrapy");

  private static final Pattern GENERIC =
      Pattern.compile("(?i)\\b(bot|crawler|spider|scanner)\\b|[a-z]bot/");

  private KnownAgents() {}

  /** The name that marks the agent as a machine, or null when none does. */
  static String scanner(String userAgent, List<String> extra) {
    if (userAgent == null) {
      return null;
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    for (String name : SCANNERS) {
      if (ua.contains(name)) {
        return name;
      }
    }
    for (String name : extra) {
      if (ua.contains(name.toLowerCase(Locale.ROOT))) {
        return name;
      }
    }
    var m = GENERIC.matcher(userAgent);
    return m.find() ? m.group() : null;
  }
}
