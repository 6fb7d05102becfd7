package org.winbackhub.ops;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.winbackhub.config.SecretKeys;

/**
 * Typed access to the hub's properties as Camel resolves them: files in config/, then environment
 * variables (HUB_SMTP_PORT overrides hub.smtp.port), then -D system properties.
 */
final class Settings {
  private final PropertiesComponent properties;
  private final Path home;

  Settings(CamelContext context) {
    this.properties = context.getPropertiesComponent();
    this.home = Path.of(optional("hub.home", ".")).toAbsolutePath().normalize();
  }

  String get(String key) {
    return properties
        .resolveProperty(key)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new IllegalArgumentException("missing property " + key + " (set it in config/application.properties or as env " + envName(key) + ")"));
  }

  String optional(String key, String fallback) {
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
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    Properties all = properties.loadProperties(k -> k.startsWith(prefix));
    for (String key : all.stringPropertyNames()) {
      out.put(key.substring(prefix.length()), get(key));
    }
    return out;
  }

  /** Every key the properties files and -D system properties define. */
  java.util.Set<String> keys() {
    java.util.Set<String> keys = new java.util.TreeSet<>(properties.loadProperties().stringPropertyNames());
    keys.addAll(System.getProperties().stringPropertyNames());
    return keys;
  }

  static String envName(String key) {
    return key.toUpperCase().replace('.', '_').replace('-', '_');
  }
}
