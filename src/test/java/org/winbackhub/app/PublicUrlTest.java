package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Tracked links follow the HTTP port the hub listens on unless a public address is set. */
class PublicUrlTest {

  @Test
  void the_shipped_public_url_follows_the_http_port() throws Exception {
    assertThat(publicUrl(new Properties())).isEqualTo("http://localhost:8080");
    Properties port = new Properties();
    port.setProperty("hub.http.port", "18099"); // as HUB_HTTP_PORT=18099 overrides it
    assertThat(publicUrl(port)).isEqualTo("http://localhost:18099");
    Properties set = new Properties();
    set.setProperty("hub.http.port", "18099");
    set.setProperty("hub.public-url", "https://hub.example.com");
    assertThat(publicUrl(set)).isEqualTo("https://hub.example.com");
  }

  private static String publicUrl(Properties overrides) throws Exception {
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      camel.getPropertiesComponent().setLocation("file:config/application.properties");
      camel.getPropertiesComponent().setOverrideProperties(overrides);
      return new Settings(camel).get("hub.public-url");
    }
  }
}
