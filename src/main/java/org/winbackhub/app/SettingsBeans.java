package org.winbackhub.app;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.winbackhub.config.SecretKeys;

/**
 * The first stage of the wiring: the hub's properties as {@link Settings} (every other bean takes
 * them from here, so the secrets are masked before any bean reads a property), its clock, and the
 * check that every HTTP listener holds its port (registered before the store's wait, so a taken
 * port fails the start at once).
 */
public final class SettingsBeans implements CamelConfiguration {

  @BindToRegistry("hubSettings")
  public Settings settings(CamelContext context) {
    Settings s = new Settings(context);
    maskSecrets(context, s);
    try {
      context.addStartupListener(new Listeners(s));
    } catch (Exception e) {
      throw new IllegalStateException("cannot watch the HTTP listeners", e);
    }
    return s;
  }

  /** Millisecond ticks: every store keeps them exactly, so "due at now" is due at now. */
  @BindToRegistry("hubClock")
  public Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  }

  /**
   * Camel masks the keys it knows to be sensitive in its start-up summary, errors and management
   * views; this adds every key that holds a secret by the hub's naming rule ({@link SecretKeys}),
   * so a new secret is masked without being listed anywhere.
   */
  static void maskSecrets(CamelContext context, Settings s) {
    String ours = SecretKeys.keywords(s.keys());
    String configured = context.getCamelContextExtension().getAdditionalSensitiveKeywords();
    context
        .getCamelContextExtension()
        .setAdditionalSensitiveKeywords(
            configured == null || configured.isBlank() ? ours : configured + "," + ours);
  }
}
