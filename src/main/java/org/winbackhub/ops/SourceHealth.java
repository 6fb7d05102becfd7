package org.winbackhub.ops;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Every source's last sync in /observe/health, one check per source named "source:NAME": DOWN
 * while its last sync failed (after its retries), with the error class and time in the details.
 */
final class SourceHealth {
  private record Outcome(boolean up, Instant at, String error) {}

  private final CamelContext camel;
  private final Map<String, Outcome> sources = new ConcurrentHashMap<>();

  SourceHealth(CamelContext camel) {
    this.camel = camel;
  }

  void succeeded(String source) {
    record(source, new Outcome(true, Instant.now(), null));
  }

  void failed(String source, Throwable error) {
    record(source, new Outcome(false, Instant.now(), error.getClass().getSimpleName()));
  }

  private void record(String source, Outcome state) {
    if (sources.put(source, state) == null) {
      HealthCheckRegistry registry = HealthCheckHelper.getHealthCheckRegistry(camel);
      if (registry != null) {
        registry.register(new Check(source));
      }
    }
  }

  private final class Check extends AbstractHealthCheck {
    private final String source;

    Check(String source) {
      super("hub", "source:" + source);
      this.source = source;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
      Outcome s = sources.get(source);
      builder.detail("last.sync", s.at().toString());
      if (s.up()) {
        builder.up();
      } else {
        builder.detail("error", s.error()).down();
      }
    }

    @Override
    public boolean isLiveness() {
      return false;
    }
  }
}
