package org.winbackhub.app;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The scenario on the embedded default store: an H2 file. */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:test-routes/*.camel.yaml",
      "hub.outbox.poll-ms=200",
      "hub.loyalty.poll-ms=200"
    })
class HubOnH2IT extends HubScenario {

  @Test
  @Order(20)
  void a_message_that_fails_every_redelivery_is_kept_as_a_rejected_record() throws Exception {
    camel.createProducerTemplate().sendBody("direct:always-fails", "{\"order\": 42}");

    List<Map<String, Object>> kept =
        query(
            "SELECT source, reason, raw FROM rejected_record WHERE source ="
                + " 'route:test-always-fails'");
    Assertions.assertThat(kept).hasSize(1);
    Assertions.assertThat(kept.get(0).get("reason"))
        .isEqualTo("IllegalStateException: the CRM answered 503");
    Assertions.assertThat(kept.get(0).get("raw")).isEqualTo("{\"order\": 42}");
  }
}
