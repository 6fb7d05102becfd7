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
 * Every source's last sync in /observe/health, one check per source named "source:NAME", with a
 * detail {@code state}: UP; DEGRADED when its runs take in too little (too large a share of rows
 * rejected, every line of a file refused), reported as status UP with {@code state=DEGRADED} and
 * the reason, since the hub still works and a readiness probe must not take it out of service;
 * DOWN while its last sync failed (after its retries), with the error class.
 *
 * <p>Any source adapter may report here: {@link #succeeded}, {@link #degraded}, {@link #failed}.
 * The instance is bound in the registry as {@code hubSourceHealth}.
 */
final class SourceHealth {
  /** A source's last outcome: degraded is the reason, error the failure's class; null when not. */
  private record Outcome(Instant at, String degraded, String error) {}

  private final CamelContext camel;
  private final Map<String, Outcome> sources = new ConcurrentHashMap<>();

  SourceHealth(CamelContext camel) {
    this.camel = camel;
  }

  /** The source's last run went well: UP. */
  void succeeded(String source) {
    record(source, new Outcome(Instant.now(), null, null));
  }

  /** The source ran but took in too little: UP with state DEGRADED and {@code reason} (no personal data). */
  void degraded(String source, String reason) {
    record(source, new Outcome(Instant.now(), reason, null));
  }

  /** The source's last run failed: DOWN. */
  void failed(String source, Throwable error) {
    record(source, new Outcome(Instant.now(), null, error.getClass().getSimpleName()));
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
      if (s.error() != null) {
        builder.detail("state", "DOWN").detail("error", s.error()).down();
      } else if (s.degraded() != null) {
        builder.detail("state", "DEGRADED").detail("reason", s.degraded()).message("DEGRADED: " + s.degraded()).up();
      } else {
        builder.detail("state", "UP").up();
      }
    }

    @Override
    public boolean isLiveness() {
      return false;
    }
  }
}
