package org.winbackhub.app;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.plugin.DefaultJolokiaPlatformHttpPlugin;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * /observe/jolokia behind a gate: a request addressed to a name not in hub.management.allowed-hosts
 * or sent by a page from another site gets 403 before Jolokia sees it; the rest goes to Camel's
 * Jolokia plugin and its restrictor (jolokia-access.xml). Bound as the "jolokia" plugin, which the
 * management server looks up in the registry before its own.
 */
final class ManagementJolokia extends ServiceSupport implements JolokiaPlatformHttpPlugin {
  private final DefaultJolokiaPlatformHttpPlugin jolokia = new DefaultJolokiaPlatformHttpPlugin();
  private final AllowedHosts hosts;

  ManagementJolokia(AllowedHosts hosts) {
    this.hosts = hosts;
  }

  @Override
  public Object getHandler() {
    return (Handler<RoutingContext>) this::handle;
  }

  @SuppressWarnings("unchecked")
  private void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String refusal =
        hosts.refusal(authority(req), req.getHeader("Origin"), req.getHeader("Referer"));
    if (refusal != null) {
      String json =
          "{\"status\":403,\"error_type\":\"java.lang.SecurityException\",\"error\":\""
              + refusal
              + "\"}";
      ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json").end(json);
      return;
    }
    ((Handler<RoutingContext>) jolokia.getHandler()).handle(ctx);
  }

  /** Host and port the request was addressed to: its Host header, or :authority over HTTP/2. */
  private static String authority(HttpServerRequest req) {
    HostAndPort a = req.authority();
    if (a == null || a.host() == null) {
      return null;
    }
    String host =
        a.host().contains(":") && !a.host().startsWith("[") ? "[" + a.host() + "]" : a.host();
    return a.port() >= 0 ? host + ":" + a.port() : host;
  }

  @Override
  public String getId() {
    return NAME;
  }

  @Override
  public void setCamelContext(CamelContext camelContext) {
    jolokia.setCamelContext(camelContext);
  }

  @Override
  public CamelContext getCamelContext() {
    return jolokia.getCamelContext();
  }

  @Override
  protected void doStart() {
    ServiceHelper.startService(jolokia);
  }

  @Override
  protected void doStop() {
    ServiceHelper.stopService(jolokia);
  }
}
