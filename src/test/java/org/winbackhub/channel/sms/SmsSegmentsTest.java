package org.winbackhub.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.winbackhub.channel.sms.SmsSegments.Encoding;

/** GSM 7-bit or UCS-2, and how many segments, as a phone network counts them (3GPP TS 23.038). */
class SmsSegmentsTest {

  @Test
  void plain_text_is_gsm7_and_fits_160_septets_in_one_segment() {
    assertThat(SmsSegments.of("x".repeat(160))).isEqualTo(new SmsSegments(Encoding.GSM7, 160, 1));
    assertThat(SmsSegments.of("x".repeat(161)))
        .as("concatenated: 153 septets a segment")
        .isEqualTo(new SmsSegments(Encoding.GSM7, 161, 2));
    assertThat(SmsSegments.of("x".repeat(306)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("x".repeat(307)).segments()).isEqualTo(3);
  }

  @Test
  void the_euro_sign_and_the_other_extension_characters_take_two_septets() {
    assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments(Encoding.GSM7, 160, 1));
    assertThat(SmsSegments.of("x".repeat(159) + "€"))
        .isEqualTo(new SmsSegments(Encoding.GSM7, 161, 2));
    for (char c : "^{}\\[~]|\f".toCharArray()) {
      assertThat(SmsSegments.of(String.valueOf(c)).units()).as("%s", c).isEqualTo(2);
    }
  }

  @Test
  void an_escaped_character_is_never_split_across_two_segments() {
    // 152 septets, then a euro (2): it does not fit in the first segment's 153, so 306 septets
    // need three segments (152, 153, 1), not two
    String text = "x".repeat(152) + "€" + "x".repeat(152);
    assertThat(SmsSegments.of(text)).isEqualTo(new SmsSegments(Encoding.GSM7, 306, 3));
    assertThat(SmsSegments.of("x".repeat(151) + "€" + "x".repeat(151)))
        .isEqualTo(new SmsSegments(Encoding.GSM7, 304, 2));
  }

  @Test
  void spanish_letters_of_the_gsm_table_stay_gsm7_and_the_others_switch_to_ucs2() {
    assertThat(SmsSegments.of("Ñandú? no: ñandu, año, ¿qué? ¡sí! é è à ü").encoding())
        .as("ú, í are not in the table")
        .isEqualTo(Encoding.UCS2);
    assertThat(SmsSegments.of("Año nuevo, ¿te animas? ¡Vuelve! é è ù ì ò à Ä Ö Ñ Ü ß Ç").encoding())
        .isEqualTo(Encoding.GSM7);
    assertThat(SmsSegments.of("Ç").encoding())
        .as("capital C cedilla: 0x09")
        .isEqualTo(Encoding.GSM7);
    assertThat(SmsSegments.of("ç").encoding())
        .as("the small c cedilla is not in the table (a phone would show Ç)")
        .isEqualTo(Encoding.UCS2);
    assertThat(SmsSegments.of("próxima").encoding()).isEqualTo(Encoding.UCS2);
    assertThat(SmsSegments.of("ΔΦΓΛΩΠΨΣΘΞ @£$¥").encoding()).isEqualTo(Encoding.GSM7);
  }

  @Test
  void ucs2_fits_70_units_in_one_segment_and_67_in_each_of_several() {
    assertThat(SmsSegments.of("ç".repeat(70))).isEqualTo(new SmsSegments(Encoding.UCS2, 70, 1));
    assertThat(SmsSegments.of("ç".repeat(71))).isEqualTo(new SmsSegments(Encoding.UCS2, 71, 2));
    assertThat(SmsSegments.of("ç".repeat(134)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("ç".repeat(135)).segments()).isEqualTo(3);
  }

  @Test
  void an_emoji_is_a_surrogate_pair_counting_two_units_and_is_never_split() {
    assertThat(SmsSegments.of("Hola 😀")).isEqualTo(new SmsSegments(Encoding.UCS2, 7, 1));
    assertThat(SmsSegments.of("😀".repeat(35))).isEqualTo(new SmsSegments(Encoding.UCS2, 70, 1));
    // 66 units, then a pair: it goes whole into the second segment
    assertThat(SmsSegments.of("x".repeat(66) + "😀" + "x".repeat(66)))
        .isEqualTo(new SmsSegments(Encoding.UCS2, 134, 3));
    assertThat(SmsSegments.of("x".repeat(65) + "😀" + "x".repeat(67)))
        .isEqualTo(new SmsSegments(Encoding.UCS2, 134, 2));
  }

  @Test
  void the_default_alphabet_has_127_characters_and_its_extension_table_10() {
    int basic = 0;
    int extension = 0;
    for (int c = 0; c < 0x10000; c++) {
      if (SmsSegments.isGsm(c)) {
        if (SmsSegments.of(String.valueOf((char) c)).units() == 2) {
          extension++;
        } else {
          basic++;
        }
      }
    }
    assertThat(basic).as("128 positions less the escape").isEqualTo(127);
    assertThat(extension).isEqualTo(10);
    assertThat(SmsSegments.isGsm(0x1B)).as("the escape itself").isFalse();
  }

  @Test
  void says_itself_as_a_person_reads_it() {
    assertThat(SmsSegments.of("x".repeat(161))).hasToString("2 segments (GSM-7, 161 septets)");
    assertThat(SmsSegments.of("ç")).hasToString("1 segment (UCS-2, 1 UCS-2 units)");
  }
}
