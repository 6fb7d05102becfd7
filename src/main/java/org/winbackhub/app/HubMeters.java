package org.winbackhub.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.URISupport;
import org.winbackhub.intake.camel.SourceHealth;

/**
 * The hub's counters exist from the start, at 0, so a dashboard shows 0 rather than "no data"
 * before the first message, row or click. Same names and tags as the routes' {@code
 * micrometer:counter:...} steps, which then count on the same meters (camel-micrometer adds the tag
 * camelContext; a meter of the same name with other tag keys would be refused by Prometheus'
 * registry, and the routes' counts lost). Each source's {@code hub_source_degraded} gauge too.
 */
final class HubMeters implements StartupListener {
  /** name, then tag pairs. */
  static final List<List<String>> COUNTERS =
      List.of(
          List.of("hub.messages", "channel", "email", "outcome", "sent"),
          List.of("hub.messages", "channel", "email", "outcome", "failed"),
          List.of("hub.intake.rows", "source", "loyalty", "outcome", "loaded"),
          List.of("hub.intake.rows", "source", "loyalty", "outcome", "rejected"),
          List.of("hub.feedback.events", "type", "click"),
          List.of("hub.dead.letters"));

  @Override
  public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
    if (meters == null) {
      return; // metrics off (camel.metrics.enabled=false)
    }
    for (List<String> c : COUNTERS) {
      Counter.builder(c.get(0))
          .tags(c.subList(1, c.size()).toArray(String[]::new))
          .tag("camelContext", context.getName())
          .register(meters);
    }
    SourceHealth health = context.getRegistry().findSingleByType(SourceHealth.class);
    if (health != null) {
      polledSources(context).forEach(health::expect);
    }
  }

  /** The {@code sourceId} of every route {@code source-NAME} that reads a source Kamelet. */
  static List<String> polledSources(CamelContext context) {
    List<String> ids = new ArrayList<>();
    for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
      String uri = route.getInput().getEndpointUri();
      if (route.getRouteId() != null
          && route.getRouteId().startsWith("source-")
          && uri.startsWith("kamelet:")) {
        try {
          Object id =
              URISupport.parseQuery(
                      context.resolvePropertyPlaceholders(URISupport.extractQuery(uri)))
                  .get("sourceId");
          if (id != null) {
            ids.add(id.toString());
          }
        } catch (URISyntaxException e) {
          // validate reports unreadable route parameters; the gauge appears at the first run
        }
      }
    }
    return ids;
  }
}
