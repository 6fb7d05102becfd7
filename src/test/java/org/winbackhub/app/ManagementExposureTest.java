package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManagementExposureTest {

  @Test
  void should_warn_about_a_management_server_open_to_the_network_without_a_password() {
    assertThat(ManagementExposure.warning("0.0.0.0", 9876, false))
        .startsWith("the management server listens on 0.0.0.0:9876 without authentication")
        .contains("camel.management.authentication-enabled")
        .contains("camel.management.basic-properties-file");
    assertThat(ManagementExposure.warning("", 9876, false)).isNotNull();
  }

  @Test
  void should_say_nothing_on_loopback_or_with_authentication() {
    assertThat(ManagementExposure.warning("127.0.0.1", 9876, false)).isNull();
    assertThat(ManagementExposure.warning("localhost", 9876, false)).isNull();
    assertThat(ManagementExposure.warning("::1", 9876, false)).isNull();
    assertThat(ManagementExposure.warning("0.0.0.0", 9876, true)).isNull();
  }
}
