package org.winbackhub.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GsmAlphabetTest {

  @Test
  void basic_characters_are_their_septet_values_as_3gpp_23_038_numbers_them() {
    assertThat(GsmAlphabet.encode("@£$")).containsExactly(0x00, 0x01, 0x02);
    assertThat(GsmAlphabet.encode("Ξ")).containsExactly(0x1A);
    assertThat(GsmAlphabet.encode("Æ")).as("after the escape, 0x1B").containsExactly(0x1C);
    assertThat(GsmAlphabet.encode("A a 0")).containsExactly(0x41, 0x20, 0x61, 0x20, 0x30);
    assertThat(GsmAlphabet.encode("¡§¿à")).containsExactly(0x40, 0x5F, 0x60, 0x7F);
    assertThat(GsmAlphabet.encode("ñ")).containsExactly(0x7D);
  }

  @Test
  void extension_characters_are_the_escape_and_their_septet() {
    assertThat(GsmAlphabet.encode("€")).containsExactly(0x1B, 0x65);
    assertThat(GsmAlphabet.encode("{}")).containsExactly(0x1B, 0x28, 0x1B, 0x29);
    assertThat(GsmAlphabet.encode("[~]|\\^\f"))
        .containsExactly(
            0x1B, 0x3C, 0x1B, 0x3D, 0x1B, 0x3E, 0x1B, 0x40, 0x1B, 0x2F, 0x1B, 0x14, 0x1B, 0x0A);
  }

  @Test
  void every_character_of_the_alphabet_reads_back_and_others_are_refused() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x2100; c++) {
      if (GsmAlphabet.contains(c)) {
        all.append(c);
      }
    }
    assertThat(all).hasSize(127 + 10);
    assertThat(GsmAlphabet.decode(GsmAlphabet.encode(all.toString()))).isEqualTo(all.toString());
    assertThatThrownBy(() -> GsmAlphabet.encode("á"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+E1");
  }
}
