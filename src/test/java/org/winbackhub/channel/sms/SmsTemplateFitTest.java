package org.winbackhub.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsTemplateFitTest {
  // a short link such as https://hub.tienda.example/s/Ab3dE5gH: 37 characters
  private final SmsTemplateFit twoSegments = new SmsTemplateFit(2, 37);

  @Test
  void a_template_that_fits_however_its_fields_are_filled_passes() {
    assertThat(twoSegments.check("Hola {{first_name|cliente}}: {{link:offer}}\n")).isEmpty();
  }

  @Test
  void names_the_line_on_which_the_text_passes_the_limit() {
    String template =
        "Hola {{first_name}},\n" + "x".repeat(200) + "\n" + "y".repeat(80) + "\n" + "z\n";
    SmsTemplateFit.Overrun over = twoSegments.check(template).orElseThrow();
    assertThat(over.line()).isEqualTo(3);
    assertThat(over.longest().segments()).isEqualTo(3);
  }

  @Test
  void counts_fields_at_twenty_characters_and_links_as_short_links() {
    // 300 + a 20-character name + a 37-character link: 357 septets, 3 segments
    String template = "{{first_name}}" + "x".repeat(300) + "{{link:shop}}";
    assertThat(twoSegments.check(template)).isPresent();
    assertThat(twoSegments.check("x".repeat(300))).isEmpty();
  }

  @Test
  void a_fallback_that_switches_the_text_to_ucs2_is_counted_so() {
    // 120 GSM characters fit one segment; with the fallback's "ç" the whole text is UCS-2: 2 of 67
    String template = "{{first_name|garçon}} " + "x".repeat(120);
    SmsTemplateFit.Overrun over = new SmsTemplateFit(1, 37).check(template).orElseThrow();
    assertThat(over.longest().encoding()).isEqualTo(SmsSegments.Encoding.UCS2);
    assertThat(over.longest().segments()).isEqualTo(2);
  }
}
