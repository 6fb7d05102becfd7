package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailNormalizerTest {
  final EmailNormalizer emails = new EmailNormalizer();

  @Test
  void lower_cases_and_trims_an_address() {
    assertThat(emails.normalize("  Lucia.Garcia+promo@Example.COM ")).isEqualTo("lucia.garcia+promo@example.com");
  }

  @Test
  void a_blank_address_is_no_address() {
    assertThat(emails.normalize("   ")).isNull();
    assertThat(emails.normalize(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lucia", "lucia@", "@example.com", "lu cia@example.com", "lucia@@example.com",
      "lucia@example", "lucia..garcia@example.com", ".lucia@example.com", "lucia@exa_mple.com", "lucia@example.c"})
  void rejects_what_would_bounce_naming_the_email_field(String raw) {
    assertThatThrownBy(() -> emails.normalize(raw))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageStartingWith("email: not a valid address")
        .extracting(e -> ((InvalidFieldException) e).field())
        .isEqualTo("email");
  }

  @Test
  void rejects_an_address_longer_than_254_characters() {
    String longAddress = "a".repeat(60) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "." + "e".repeat(63) + ".com";
    assertThatThrownBy(() -> emails.normalize(longAddress)).hasMessageContaining("254");
  }
}
