package org.winbackhub.app;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.winbackhub.channel.ProviderGate;

/**
 * The email provider in use, in /observe/health as {@code hub:email-provider}: UP, or UP with the
 * message "DEGRADED: ..." while its circuit breaker is open or it asked to be left alone (a 429,
 * refused credentials). Never DOWN: the hub's links, unsubscribes and webhooks must stay in a load
 * balancer's pool while mail waits.
 */
final class EmailProviderHealthCheck extends AbstractHealthCheck {
  private final ProviderGate gate;

  EmailProviderHealthCheck(ProviderGate gate) {
    super("hub", "email-provider");
    this.gate = gate;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    builder.detail("provider", gate.provider());
    builder.detail("breaker", gate.breaker().getState().name());
    gate.trouble()
        .ifPresentOrElse(
            why ->
                builder
                    .detail("state", "DEGRADED")
                    .message(
                        ("DEGRADED: " + gate.provider() + " " + why)
                            .replaceAll("[\"\\\\\\r\\n]", " "))
                    .up(),
            builder::up);
  }

  @Override
  public boolean isLiveness() {
    return false;
  }
}
