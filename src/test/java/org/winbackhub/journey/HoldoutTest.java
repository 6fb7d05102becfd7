package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HoldoutTest {
  @Test
  void holds_out_about_the_configured_share_and_always_the_same_contacts() {
    long held =
        LongStream.range(1, 10_001)
            .filter(id -> Holdout.isHeldOut("winback-email", id, 0.10))
            .count();
    assertThat(held).isBetween(850L, 1150L);
    assertThat(Holdout.isHeldOut("winback-email", 4242, 0.10))
        .isEqualTo(Holdout.isHeldOut("winback-email", 4242, 0.10));
  }

  @Test
  void a_zero_share_holds_out_nobody() {
    assertThat(LongStream.range(1, 1000).anyMatch(id -> Holdout.isHeldOut("j", id, 0))).isFalse();
  }
}
