package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormalizerTest {
  final PhoneNormalizer spain = new PhoneNormalizer("ES");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "612345678",
        "612 345 678",
        "612-34-56-78",
        "+34 612 345 678",
        "0034612345678",
        "(+34) 612345678"
      })
  void national_and_international_forms_become_e164(String raw) {
    assertThat(spain.normalize(raw)).isEqualTo("+34612345678");
  }

  @Test
  void a_foreign_number_keeps_its_country() {
    assertThat(spain.normalize("+1 (415) 555-2671")).isEqualTo("+14155552671");
    assertThat(new PhoneNormalizer("US").normalize("(415) 555-2671")).isEqualTo("+14155552671");
  }

  @Test
  void a_blank_number_is_no_number() {
    assertThat(spain.normalize(" ")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"12", "612 34", "not a phone", "+34 012 345 678"})
  void rejects_numbers_that_cannot_be_dialled_naming_the_phone_field(String raw) {
    assertThatThrownBy(() -> spain.normalize(raw))
        .isInstanceOf(InvalidFieldException.class)
        .extracting(e -> ((InvalidFieldException) e).field())
        .isEqualTo("phone");
  }

  @Test
  void an_unknown_default_region_is_a_configuration_error() {
    assertThatThrownBy(() -> new PhoneNormalizer("XX"))
        .hasMessageContaining("hub.phone.default-region");
  }
}
