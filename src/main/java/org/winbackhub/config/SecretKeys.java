package org.winbackhub.config;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which configuration keys hold secrets, by one naming rule so that a new secret is masked without
 * being listed: the last segment of the key ends in {@code -secret}, {@code -token}, {@code
 * -password} or {@code -key}, or is {@code secret}, {@code token} or {@code password} ({@code
 * hub.shop.webhook-secret}, {@code hub.admin.token}, {@code hub.sendgrid.api-key}).
 */
public final class SecretKeys {
  private static final String[] SUFFIXES = {"-secret", "-token", "-password", "-key"};
  private static final String[] WHOLE = {"secret", "token", "password"};

  /** What is shown in place of a secret's value. */
  public static final String MASK = "xxxxxx";

  private SecretKeys() {}

  public static boolean isSecret(String key) {
    if (key == null) {
      return false;
    }
    String last =
        key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).replace('_', '-');
    for (String whole : WHOLE) {
      if (last.equals(whole)) {
        return true;
      }
    }
    for (String suffix : SUFFIXES) {
      if (last.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** The value as it may be printed next to its key: masked when the key holds a secret. */
  public static String shown(String key, String value) {
    return isSecret(key) && value != null && !value.isEmpty() ? MASK : value;
  }

  /**
   * The last segments (lower case, dashes removed) of the secret keys among {@code keys}, comma
   * separated: the form Camel's {@code additionalSensitiveKeywords} compares a key's last segment
   * with, so its start-up summary, errors and management views mask these keys as well.
   */
  public static String keywords(Collection<String> keys) {
    TreeSet<String> words = new TreeSet<>();
    for (String key : keys) {
      if (isSecret(key)) {
        words.add(
            key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).replace("-", ""));
      }
    }
    return String.join(",", words);
  }
}
