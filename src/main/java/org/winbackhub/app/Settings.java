package org.winbackhub.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.winbackhub.config.SecretKeys;

/**
 * Typed access to the hub's properties as Camel resolves them: files in config/, then environment
 * variables (HUB_SMTP_PORT overrides hub.smtp.port), then -D system properties.
 */
public final class Settings {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,18})\\s*(KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
  private final PropertiesComponent properties;
  private final Path home;

  public Settings(CamelContext context) {
    this.properties = context.getPropertiesComponent();
    this.home = Path.of(optional("hub.home", ".")).toAbsolutePath().normalize();
  }

  String get(String key) {
    return properties
        .resolveProperty(key)
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "missing property "
                        + key
                        + " (set it in config/application.properties or as env "
                        + envName(key)
                        + ")"));
  }

  public String optional(String key, String fallback) {
    return properties.resolveProperty(key).filter(v -> !v.isBlank()).orElse(fallback);
  }

  int integer(String key) {
    String v = get(key);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "property " + key + ": expected a whole number, got '" + SecretKeys.shown(key, v) + "'");
    }
  }

  /** A whole number of at least {@code min}; {@code fallback} when the key is unset. */
  int integer(String key, int fallback, int min) {
    String v = optional(key, String.valueOf(fallback)).trim();
    try {
      int n = Integer.parseInt(v);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // told below
    }
    throw new IllegalArgumentException(
        "property " + key + ": expected a whole number of at least " + min + ", got '" + v + "'");
  }

  /** An ISO-8601 duration above zero (PT30S, PT2M); {@code fallback} when the key is unset. */
  Duration duration(String key, String fallback) {
    String v = optional(key, fallback).trim();
    try {
      Duration d = Duration.parse(v);
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // told below
    }
    throw new IllegalArgumentException(
        "property "
            + key
            + ": expected an ISO-8601 duration above zero such as PT30S, got '"
            + v
            + "'");
  }

  /**
   * A size in bytes, written as 52428800, 512KB or 50MB (KB and MB of 1,024); {@code fallback} when
   * unset.
   */
  long bytes(String key, String fallback) {
    String v = optional(key, fallback).trim();
    Matcher m = SIZE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long unit =
          m.group(2) == null
              ? 1
              : switch (m.group(2).toUpperCase(Locale.ROOT)) {
                case "KB" -> 1024L;
                case "MB" -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
              };
      if (n > 0 && n <= Long.MAX_VALUE / unit) {
        return n * unit;
      }
    }
    throw new IllegalArgumentException(
        "property "
            + key
            + ": expected a size such as 50MB, 512KB or a number of bytes, got '"
            + v
            + "'");
  }

  boolean bool(String key, boolean fallback) {
    return Boolean.parseBoolean(optional(key, String.valueOf(fallback)).trim());
  }

  /** A path property, relative to the hub's home folder unless absolute. */
  Path path(String key) {
    return home.resolve(get(key)).normalize();
  }

  Path home() {
    return home;
  }

  /** Every property under {@code prefix} (e.g. "hub.links."), keyed by the rest of its name. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    Properties all = properties.loadProperties(k -> k.startsWith(prefix));
    for (String key : all.stringPropertyNames()) {
      out.put(key.substring(prefix.length()), get(key));
    }
    return out;
  }

  /** Every key the properties files and -D system properties define. */
  /**
   * The keys configured in files and system properties, and each environment variable as a key of
   * one segment ({@code HUB_SHOP_WEBHOOK_SECRET} as {@code hub-shop-webhook-secret}): a key set
   * only in the environment cannot be told back to its dots and dashes, but its name still says
   * whether it holds a secret, and masking by the whole name masks whichever key it overrides.
   */
  Set<String> keys() {
    Set<String> keys = new TreeSet<>(properties.loadProperties().stringPropertyNames());
    keys.addAll(System.getProperties().stringPropertyNames());
    System.getenv()
        .keySet()
        .forEach(name -> keys.add(name.toLowerCase(Locale.ROOT).replace('_', '-')));
    return keys;
  }

  public static String envName(String key) {
    return key.toUpperCase().replace('.', '_').replace('-', '_');
  }
}
