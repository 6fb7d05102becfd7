package org.winbackhub.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.winbackhub.channel.ProviderGate;

/**
 * A channel's providers in use, in /observe/health as {@code hub:email-provider} or {@code
 * hub:sms-provider}: UP, or UP with the message "DEGRADED: ..." while a provider's circuit breaker
 * is open or it asked to be left alone (a 429, refused credentials). Never DOWN: the hub's links,
 * unsubscribes and webhooks must stay in a load balancer's pool while messages wait.
 */
final class ProviderHealthCheck extends AbstractHealthCheck {
  private final List<ProviderGate> gates;

  ProviderHealthCheck(String id, List<ProviderGate> gates) {
    super("hub", id);
    this.gates = List.copyOf(gates);
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    builder.detail(
        "provider", gates.stream().map(ProviderGate::provider).collect(Collectors.joining(",")));
    for (ProviderGate g : gates) {
      builder.detail(
          gates.size() == 1 ? "breaker" : "breaker." + g.provider(), g.breaker().getState().name());
    }
    String trouble =
        gates.stream()
            .map(g -> g.trouble().map(why -> g.provider() + " " + why))
            .flatMap(Optional::stream)
            .collect(Collectors.joining("; "));
    if (trouble.isEmpty()) {
      builder.up();
      return;
    }
    builder
        .detail("state", "DEGRADED")
        .message(("DEGRADED: " + trouble).replaceAll("[\"\\\\\\r\\n]", " "))
        .up();
  }

  @Override
  public boolean isLiveness() {
    return false;
  }
}
