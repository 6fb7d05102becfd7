package org.winbackhub.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {
  @Test
  void an_address_keeps_its_first_letter_and_domain_and_a_phone_its_ends() {
    assertThat(Mask.email("lucia.garcia@example.org")).isEqualTo("l***@example.org");
    assertThat(Mask.phone("+34612345789")).isEqualTo("+34******789");
    assertThat(Mask.phone("612 345 789")).isEqualTo("612***789");
    assertThat(Mask.value("García")).isEqualTo("G***");
  }

  @Test
  void every_address_and_phone_number_in_a_message_is_masked_and_the_rest_kept() {
    String message = "record LC001: email 'lucia.garcia@example.org' and phone +34612345789 (or 612 345 789)"
        + " clash with contact 1234 at 2025-03-14 18:30, code [23505-232]";
    assertThat(Mask.text(message))
        .isEqualTo("record LC001: email 'l***@example.org' and phone +34******789 (or 612***789)"
            + " clash with contact 1234 at 2025-03-14 18:30, code [23505-232]");
  }
}
