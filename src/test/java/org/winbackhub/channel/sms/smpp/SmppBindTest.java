package org.winbackhub.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmppBindTest {

  @Test
  void a_failed_bind_waits_twice_as_long_each_time_up_to_the_longest_wait() {
    SmppBind b =
        new SmppBind(
            "smsc",
            2775,
            "hub",
            "pw",
            "",
            true,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            0);
    assertThat(b.rebindAfter(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.rebindAfter(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(b.rebindAfter(6)).isEqualTo(Duration.ofSeconds(60));
    assertThat(b.rebindAfter(1000)).isEqualTo(Duration.ofSeconds(60));
    assertThat(b.toString()).isEqualTo("transceiver hub@smsc:2775").doesNotContain("pw");
  }
}
