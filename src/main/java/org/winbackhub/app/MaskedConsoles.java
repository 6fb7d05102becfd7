package org.winbackhub.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.console.PropertiesDevConsole;
import org.apache.camel.main.MainConfigurationDevConsole;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * Camel's developer consoles with every secret masked. The Camel CLI connector writes their JSON to
 * its status file under ~/.camel (what {@code camel get properties}, {@code camel get endpoint} and
 * the rest show), and Camel masks little there: the properties by key only in their text form,
 * endpoint URIs not at all ({@code password=RAW(...)}, a Kamelet's {@code accessToken=...}). Here
 * every console answers through a mask that replaces the value of each property Camel or the hub's
 * naming rule ({@code *-secret}, {@code *-token}, {@code *-password}, {@code *-key}) calls a
 * secret, wherever it appears, as it is or URL-encoded; the properties and Camel Main's
 * configuration also show such keys' values as {@code xxxxxx}. Those two stay of Camel's classes
 * (Camel Main fills the second with its start-up configuration).
 */
final class MaskedConsoles {
  static final String MASK = "xxxxxx";

  /** Shorter values are not masked by value: they would hide ordinary words. */
  static final int SHORTEST = 4;

  private final CamelContext context;
  private final Settings settings;
  private volatile List<String> secrets;

  private MaskedConsoles(CamelContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  /** Puts every console of the context's registry, masked, in place of Camel's. */
  static void install(CamelContext context, Settings settings) {
    DevConsoleRegistry registry =
        context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
    if (registry == null) {
      return;
    }
    MaskedConsoles mask = new MaskedConsoles(context, settings);
    registry.loadDevConsoles(true);
    for (DevConsole camel : registry.stream().toList()) {
      DevConsole masked =
          switch (camel.getId()) {
            case "properties" -> mask.new Properties();
            case "main-configuration" -> mask.new MainConfiguration();
            default -> mask.new Masked(camel);
          };
      registry.unregister(camel);
      if (masked instanceof org.apache.camel.CamelContextAware aware) {
        aware.setCamelContext(context);
      }
      registry.register(masked);
    }
  }

  /** Any console: its answer, text or JSON, with the secrets' values masked. */
  final class Masked extends AbstractDevConsole {
    private final DevConsole camel;

    Masked(DevConsole camel) {
      super(camel.getGroup(), camel.getId(), camel.getDisplayName(), camel.getDescription());
      this.camel = camel;
    }

    @Override
    public boolean supportMediaType(MediaType mediaType) {
      return camel.supportMediaType(mediaType);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
      return (Map<String, Object>) masked(camel.call(MediaType.JSON, options));
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
      return (String) masked(camel.call(MediaType.TEXT, options));
    }
  }

  /** The loaded properties (files, environment, -D), as {@code camel get properties} lists them. */
  final class Properties extends PropertiesDevConsole {
    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
      JsonObject root = (JsonObject) masked(super.doCallJson(options));
      maskByKey(root, "properties");
      return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
      return (String) masked(super.doCallText(options));
    }
  }

  /** Camel Main's own configuration (camel.main.*, camel.management.*, camel.vault.* ...). */
  final class MainConfiguration extends MainConfigurationDevConsole {
    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
      Map<String, Object> root = asMap(masked(super.doCallJson(options)));
      maskByKey(root, "configurations");
      return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
      return (String) masked(super.doCallText(options));
    }
  }

  /** In the entries under {@code list}, the values of each key that names a secret. */
  @SuppressWarnings("unchecked")
  private void maskByKey(Map<String, Object> root, String list) {
    if (root != null && root.get(list) instanceof List<?> entries) {
      for (Object item : entries) {
        if (item instanceof Map<?, ?> entry
            && entry.get("key") instanceof String key
            && CamelContextHelper.containsSensitive(context, key)) {
          Map<String, Object> e = (Map<String, Object>) entry;
          for (String field : List.of("value", "originalValue", "defaultValue")) {
            if (e.get(field) != null) {
              e.put(field, MASK);
            }
          }
        }
      }
    }
  }

  /**
   * {@code answer} (a JSON tree, or text) with every secret's value replaced by the mask; a tree is
   * copied (Camel's may hold lists that cannot change), its objects kept {@link JsonObject}s.
   */
  Object masked(Object answer) {
    if (answer instanceof String text) {
      String out = text;
      for (String secret : secrets()) {
        out = out.replace(secret, MASK);
      }
      return out;
    }
    if (answer instanceof Map<?, ?> map) {
      JsonObject copy = new JsonObject();
      map.forEach((k, v) -> copy.put(String.valueOf(k), masked(v)));
      return copy;
    }
    if (answer instanceof Collection<?> list) {
      JsonArray copy = new JsonArray();
      list.forEach(v -> copy.add(masked(v)));
      return copy;
    }
    return answer;
  }

  /** The values of the secrets, the longest first, as they are and URL-encoded. */
  private List<String> secrets() {
    List<String> known = secrets;
    if (known == null) {
      Set<String> values = new LinkedHashSet<>();
      for (String key : settings.keys()) {
        if (CamelContextHelper.containsSensitive(context, key)) {
          String value = settings.optional(key, "");
          if (value.length() >= SHORTEST) {
            values.add(value);
            values.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        }
      }
      known = new ArrayList<>(values);
      known.sort(Comparator.comparingInt(String::length).reversed());
      secrets = known;
    }
    return known;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }
}
