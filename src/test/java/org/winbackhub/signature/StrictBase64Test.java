package org.winbackhub.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrictBase64Test {
  @Test
  void only_the_canonical_text_decodes() {
    assertThat(StrictBase64.decode("QQ==")).containsExactly('A');
    assertThat(StrictBase64.decode("QQ")).as("padding missing").isNull();
    assertThat(StrictBase64.decode("QR==")).as("spare bits set").isNull();
    assertThat(StrictBase64.decode(" QQ==")).isNull();
    assertThat(StrictBase64.decodeUrl("QQ")).containsExactly('A');
    assertThat(StrictBase64.decodeUrl("QQ==")).as("padding in a URL token").isNull();
    assertThat(StrictBase64.decodeUrl("a+b/")).as("the other alphabet").isNull();
  }

  @Test
  void equal_values_compare_equal_and_any_difference_or_absence_does_not() {
    assertThat(ConstantTime.equal("Bearer abc".getBytes(), "Bearer abc".getBytes())).isTrue();
    assertThat(ConstantTime.equal("Bearer abc".getBytes(), "Bearer abd".getBytes())).isFalse();
    assertThat(ConstantTime.equal("Bearer abc".getBytes(), "Bearer abc ".getBytes())).isFalse();
    assertThat(ConstantTime.equal("Bearer abc".getBytes(), null)).isFalse();
  }
}
