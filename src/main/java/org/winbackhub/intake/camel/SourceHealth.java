package org.winbackhub.intake.camel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.winbackhub.intake.SourceUnavailableException;

/**
 * Every source's last sync in /observe/health, one check per source named "source:NAME": DOWN while
 * its last sync failed (after its retries), with the error class and time in the details (and, for
 * a shop, the hub's own words for it as the message: timeout, size limit, status).
 *
 * <p>A source whose input was refused (a loyalty file moved to failed/, a polled source's run that
 * rejected more than its share of rows: {@link SourceRuns}) is DEGRADED until input of it loads
 * again. Camel's health knows only UP, DOWN and UNKNOWN, so DEGRADED is an UP check with the
 * message "DEGRADED: ..." and the detail state=DEGRADED: bad input never takes the hub's public
 * endpoints out of a load balancer's rotation. The gauge {@code hub_source_degraded{source}} is 1
 * meanwhile, for alerts.
 */
public final class SourceHealth {
  private enum State {
    UP,
    DOWN,
    DEGRADED
  }

  /**
   * {@code reason}: words for the check's message, only from our own exceptions (never personal
   * data).
   */
  private record Outcome(State state, Instant at, String error, String reason) {}

  private final CamelContext camel;
  private final Map<String, Outcome> sources = new ConcurrentHashMap<>();

  public SourceHealth(CamelContext camel) {
    this.camel = camel;
  }

  public void succeeded(String source) {
    record(source, new Outcome(State.UP, Instant.now(), null, null));
  }

  void failed(String source, Throwable error) {
    // a source that could not be read says so in the hub's words (host, path, limit; never a token
    // or a row): shown
    String reason = error instanceof SourceUnavailableException ? plain(error.getMessage()) : null;
    record(
        source, new Outcome(State.DOWN, Instant.now(), error.getClass().getSimpleName(), reason));
  }

  /** The source's input was refused; {@code reason} is shown as it is: no personal data in it. */
  public void degraded(String source, String reason) {
    record(source, new Outcome(State.DEGRADED, Instant.now(), null, plain(reason)));
  }

  /**
   * A source the hub runs: its gauge {@code hub_source_degraded} shows 0 from the start rather than
   * "no data" until its first run.
   */
  public void expect(String source) {
    MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
    if (meters != null) { // registering the same name and tags again returns the gauge there is
      Gauge.builder("hub.source.degraded", sources, s -> degraded(s.get(source)) ? 1 : 0)
          .tag("source", source)
          .description(
              "1 while a source's last input was refused (e.g. a loyalty file moved to failed/)")
          .register(meters);
    }
  }

  private static boolean degraded(Outcome o) {
    return o != null && o.state() == State.DEGRADED;
  }

  private void record(String source, Outcome state) {
    if (sources.put(source, state) == null) {
      HealthCheckRegistry registry = HealthCheckHelper.getHealthCheckRegistry(camel);
      if (registry != null) {
        registry.register(new Check(source));
      }
      expect(source);
    }
  }

  /** Camel writes health messages into JSON as they are: no quotes, backslashes or line breaks. */
  private static String plain(String text) {
    String t = text == null ? "" : text.replaceAll("[\"\\\\\\p{Cntrl}]", " ");
    return t.length() <= 300 ? t : t.substring(0, 300) + "...";
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
      switch (s.state()) {
        case UP -> builder.up();
        case DOWN -> {
          if (s.reason() != null) {
            builder.message(s.reason());
          }
          builder.detail("error", s.error()).down();
        }
        case DEGRADED ->
            builder.detail("state", "DEGRADED").message("DEGRADED: " + s.reason()).up();
      }
    }

    @Override
    public boolean isLiveness() {
      return false;
    }
  }
}
