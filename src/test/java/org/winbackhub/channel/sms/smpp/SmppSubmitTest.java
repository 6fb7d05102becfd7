package org.winbackhub.channel.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.winbackhub.channel.sms.GsmAlphabet;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsSegments;

class SmppSubmitTest {

  static SmppSubmit of(String from, String text, int reference) {
    return SmppSubmit.of(
        new SmsMessage(7, "k", "+34600000001", from, text, SmsSegments.of(text), "t"),
        reference,
        true);
  }

  @Test
  void a_short_gsm_text_is_one_pdu_in_the_default_alphabet_without_a_header() {
    SmppSubmit s = of("+34600000009", "Hola €", 1);
    assertThat(s.dataCoding()).isEqualTo(SmppSubmit.CODING_DEFAULT_ALPHABET);
    assertThat(s.esmClass()).isEqualTo(SmppSubmit.ESM_DEFAULT);
    assertThat(s.registeredDelivery()).isEqualTo(SmppSubmit.RECEIPT_ON_SUCCESS_OR_FAILURE);
    assertThat(s.parts()).hasSize(1);
    assertThat(s.parts().get(0)).containsExactly(0x48, 0x6F, 0x6C, 0x61, 0x20, 0x1B, 0x65);
    assertThat(s.source()).isEqualTo(new SmppAddress(1, 1, "34600000009"));
    assertThat(s.destination()).isEqualTo(new SmppAddress(1, 1, "34600000001"));
  }

  @Test
  void a_text_with_a_character_outside_gsm_is_ucs2_with_surrogate_pairs_kept() {
    SmppSubmit s = of("Tienda", "Olá 🎁", 1);
    assertThat(s.dataCoding()).isEqualTo(SmppSubmit.CODING_UCS2);
    assertThat(new String(s.parts().get(0), StandardCharsets.UTF_16BE)).isEqualTo("Olá 🎁");
    assertThat(s.parts().get(0)).hasSize(2 * 6);
  }

  @Test
  void a_long_gsm_text_is_cut_where_the_segments_were_counted_never_inside_an_escape() {
    String text = "a".repeat(152) + "€" + "b".repeat(10);
    assertThat(SmsSegments.of(text).segments()).isEqualTo(2);
    SmppSubmit s = of("Tienda", text, 0x1AB);
    assertThat(s.esmClass()).isEqualTo(SmppSubmit.ESM_UDHI);
    assertThat(s.parts()).hasSize(2);
    byte[] first = s.parts().get(0);
    byte[] second = s.parts().get(1);
    assertThat(Arrays.copyOf(first, 6))
        .as("UDH: concatenation, 8-bit reference (its low byte), 2 parts, part 1")
        .containsExactly(0x05, 0x00, 0x03, 0xAB, 0x02, 0x01);
    assertThat(Arrays.copyOf(second, 6)).containsExactly(0x05, 0x00, 0x03, 0xAB, 0x02, 0x02);
    assertThat(first).as("152 septets: the € (2) did not fit in 153").hasSize(6 + 152);
    assertThat(
            GsmAlphabet.decode(Arrays.copyOfRange(first, 6, first.length))
                + GsmAlphabet.decode(Arrays.copyOfRange(second, 6, second.length)))
        .isEqualTo(text);
  }

  @Test
  void a_long_ucs2_text_has_as_many_parts_as_counted_of_at_most_67_units() {
    String text = "ó".repeat(66) + "🎁" + "x".repeat(80);
    SmsSegments counted = SmsSegments.of(text);
    SmppSubmit s = of("Tienda", text, 3);
    assertThat(s.parts()).hasSize(counted.segments());
    assertThat(s.parts()).allSatisfy(p -> assertThat(p.length - 6).isLessThanOrEqualTo(134));
    assertThat(s.parts().get(0)).as("the pair did not fit: 66 units").hasSize(6 + 132);
    StringBuilder back = new StringBuilder();
    for (byte[] p : s.parts()) {
      back.append(new String(p, 6, p.length - 6, StandardCharsets.UTF_16BE));
    }
    assertThat(back.toString()).isEqualTo(text);
  }

  @Test
  void the_segment_counts_match_for_lengths_around_every_boundary() {
    for (int n = 150; n <= 470; n++) {
      String gsm = "é".repeat(n);
      assertThat(of("Tienda", gsm, 1).parts()).hasSize(SmsSegments.of(gsm).segments());
      String ucs = "á".repeat(n / 2);
      assertThat(of("Tienda", ucs, 1).parts()).hasSize(SmsSegments.of(ucs).segments());
    }
  }
}
