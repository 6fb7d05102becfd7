package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AllowedHostsTest {
  final AllowedHosts hosts = new AllowedHosts("127.0.0.1,localhost,[::1],hub.internal");

  @Test
  void tools_and_pages_of_the_allowed_names_pass() {
    assertThat(hosts.refusal("127.0.0.1:9876", null, null)).isNull();
    assertThat(hosts.refusal("localhost:9876", "http://localhost:8090", null)).isNull();
    assertThat(hosts.refusal("[::1]:9876", null, "http://[::1]:8090/hawtio/")).isNull();
    assertThat(hosts.refusal("HUB.internal", "https://hub.internal", null)).isNull();
  }

  @Test
  void a_foreign_host_or_page_is_refused_with_the_reason() {
    assertThat(hosts.refusal("evil.example:9876", null, null)).contains("Host 'evil.example:9876'");
    assertThat(hosts.refusal(null, null, null)).contains("Host");
    assertThat(hosts.refusal("127.0.0.1:9876", "http://evil.example", null))
        .contains("Origin 'http://evil.example'");
    assertThat(hosts.refusal("127.0.0.1:9876", "null", null)).contains("Origin");
    assertThat(hosts.refusal("127.0.0.1:9876", null, "http://evil.example/page"))
        .contains("Referer");
    assertThat(hosts.refusal("localhost.evil.example", null, null)).isNotNull();
    assertThat(hosts.refusal("127.0.0.1:9876", "http://127.0.0.1.evil.example", null)).isNotNull();
  }

  @Test
  void an_empty_list_is_a_configuration_error() {
    assertThatThrownBy(() -> new AllowedHosts(" , "))
        .hasMessageContaining("hub.management.allowed-hosts");
  }
}
