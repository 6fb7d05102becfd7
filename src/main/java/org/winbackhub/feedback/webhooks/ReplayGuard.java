package org.winbackhub.feedback.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the accepted signed requests (by a hash of their timestamp and body) until their
 * timestamp leaves the replay window, so that the same signed request sent again inside the window
 * is refused, whatever signature it carries. It lives in memory, per instance: the durable guard
 * against a duplicate event stays the store's unique constraint on the provider's event id; this
 * one only stops a captured request from being replayed at the endpoint. At most {@code capacity}
 * requests are kept; past that the oldest are dropped first.
 */
public final class ReplayGuard {
  private final Clock clock;
  private final int capacity;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  public ReplayGuard(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("replay guard capacity must be at least 1");
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  /**
   * True the first time {@code key} is offered while it is remembered (until {@code until}); false
   * for a repeat inside that time.
   */
  public synchronized boolean firstSeen(String key, Instant until) {
    Instant now = clock.instant();
    Instant known = seen.get(key);
    if (known != null && known.isAfter(now)) {
      return false;
    }
    seen.remove(key);
    if (seen.size() >= capacity) {
      dropExpired(now);
    }
    Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
    while (seen.size() >= capacity && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
    seen.put(key, until);
    return true;
  }

  /**
   * The key for a signed request: a hash of what was signed (the timestamp and the body), not of
   * the signature, since one content can carry several valid signatures (ECDSA's are malleable, a
   * header may list several) and a replay must not pass by changing them.
   */
  public static String keyOf(String scheme, String timestamp, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(scheme.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(timestamp.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return HexFormat.of().formatHex(sha.digest(body == null ? new byte[0] : body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Gives a key back: the request it came with was not stored, so its retry must be let in. */
  public synchronized void forget(String key) {
    if (key != null) {
      seen.remove(key);
    }
  }

  private void dropExpired(Instant now) {
    seen.values().removeIf(until -> !until.isAfter(now));
  }
}
