package org.winbackhub.journey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns contacts to the control group: a stable hash of journey and contact, so the same contact
 * lands on the same side on every run and every instance, with no state to share.
 */
public final class Holdout {
  private Holdout() {}

  public static boolean isHeldOut(String journeyId, long contactId, double share) {
    return share > 0 && bucket(journeyId, contactId) < share;
  }

  /** A number in [0, 1) that depends only on the journey and the contact. */
  static double bucket(String journeyId, long contactId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((journeyId + ":" + contactId).getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(hash).getLong() >>> 11;
      return bits / (double) (1L << 53);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
