package org.winbackhub.journey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A number in [0, 1) that depends only on a text (the first 53 bits of its SHA-256): the same on
 * every run, every instance and every JVM, and spread evenly, for holdouts and A/B variants.
 */
final class StableHash {
  private StableHash() {}

  static double bucket(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(hash).getLong() >>> 11;
      return bits / (double) (1L << 53);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
