package org.winbackhub.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedTest {
  @Test
  void a_phone_number_keeps_its_ends_and_a_value_of_unknown_kind_is_masked_as_what_it_is() {
    assertThat(Masked.phone("+34612345789")).isEqualTo("+34******789");
    assertThat(Masked.phone("612 345 789")).isEqualTo("612***789");
    assertThat(Masked.phone("1234")).isEqualTo("***");
    assertThat(Masked.value("lucia.garcia@example.org")).isEqualTo("l***@example.org");
    assertThat(Masked.value("+34612345789")).isEqualTo("+34******789");
    assertThat(Masked.value("García")).isEqualTo("G***");
  }

  @Test
  void every_address_and_phone_number_in_a_message_is_masked_and_the_rest_kept() {
    String message =
        "record LC001: email 'lucia.garcia@example.org' and phone +34612345789 (or 612 345 789)"
            + " clash with contact 1234 at 2025-03-14 18:30, code [23505-232]";
    assertThat(Masked.within(message))
        .isEqualTo(
            "record LC001: email 'l***@example.org' and phone +34******789 (or 612***789)"
                + " clash with contact 1234 at 2025-03-14 18:30, code [23505-232]");
  }
}
