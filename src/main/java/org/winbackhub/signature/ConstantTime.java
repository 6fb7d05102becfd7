package org.winbackhub.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a secret value with what a caller sent in time that tells nothing about either: both are
 * hashed to SHA-256 first, so neither the length nor the first differing byte shows in the timing.
 */
public final class ConstantTime {
  private ConstantTime() {}

  public static boolean equal(byte[] expected, byte[] given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected), sha256(given));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
