package org.winbackhub.channel;

import java.time.Duration;

/**
 * Why a send failed, as the ledger needs to know it: whether the message surely did not reach the
 * provider (try again later), was refused for good, or may have gone. {@code retryAfter} is the
 * provider's own wait (a 429's Retry-After), or null.
 */
public record SendFailure(Kind kind, String why, Duration retryAfter) {

  /** What a failure means for the message. */
  public enum Kind {
    /** It surely did not reach the provider, or the provider said to try later: retried. */
    RETRY,
    /** The provider refused it for good (an invalid number, say): FAILED, never retried. */
    PERMANENT,
    /** It may have reached the provider: UNCERTAIN once handed over, never sent again by itself. */
    AMBIGUOUS
  }

  public SendFailure {
    if (kind == null) {
      throw new IllegalArgumentException("a send failure needs its kind");
    }
    why = why == null || why.isBlank() ? "unknown error" : why;
  }

  public static SendFailure retry(String why) {
    return new SendFailure(Kind.RETRY, why, null);
  }

  public static SendFailure retry(String why, Duration retryAfter) {
    return new SendFailure(Kind.RETRY, why, retryAfter);
  }

  public static SendFailure permanent(String why) {
    return new SendFailure(Kind.PERMANENT, why, null);
  }

  public static SendFailure ambiguous(String why) {
    return new SendFailure(Kind.AMBIGUOUS, why, null);
  }

  /** What a failure says about itself for a log or an operator: each distinct message once. */
  public static String describe(Throwable error) {
    if (error == null) {
      return "unknown error";
    }
    StringBuilder why =
        new StringBuilder(error.getClass().getSimpleName()).append(": ").append(error.getMessage());
    for (Throwable t = error.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank() && why.indexOf(m.strip()) < 0) {
        why.append("; ").append(m.strip());
      }
    }
    return why.toString();
  }
}
