package org.winbackhub.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmppAddressTest {

  @Test
  void an_e164_number_is_international_isdn_without_its_plus() {
    assertThat(SmppAddress.of("+34600000001")).isEqualTo(new SmppAddress(1, 1, "34600000001"));
  }

  @Test
  void a_short_code_is_of_unknown_type_in_the_isdn_plan() {
    assertThat(SmppAddress.of("22522")).isEqualTo(new SmppAddress(0, 1, "22522"));
  }

  @Test
  void a_sender_name_is_alphanumeric_of_at_most_eleven_gsm_characters() {
    assertThat(SmppAddress.of("Tienda Sol")).isEqualTo(new SmppAddress(5, 0, "Tienda Sol"));
    assertThatThrownBy(() -> SmppAddress.of("Tienda del Sol"))
        .hasMessageContaining("1 to 11 GSM 7-bit characters; got 14 characters");
    assertThatThrownBy(() -> SmppAddress.of("Tiendá")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmppAddress.of(" ")).hasMessageContaining("got nothing");
  }
}
