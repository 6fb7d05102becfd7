package org.winbackhub.channel.email.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpAddressTest {

  @Test
  void an_ascii_address_goes_as_it_is() {
    assertThat(SmtpAddress.of("Ana.Perez@Example.org"))
        .isEqualTo(new SmtpAddress("Ana.Perez@Example.org", false));
  }

  @Test
  void an_ascii_name_at_an_internationalized_domain_goes_with_the_domain_in_punycode() {
    assertThat(SmtpAddress.of("ana@bücher.de"))
        .isEqualTo(new SmtpAddress("ana@xn--bcher-kva.de", false));
    assertThat(SmtpAddress.of("li@例子.广告").needsSmtpUtf8()).isFalse();
  }

  @Test
  void a_utf8_name_part_needs_smtputf8_and_goes_as_typed() {
    assertThat(SmtpAddress.of("lucía.garcía5@example.org"))
        .isEqualTo(new SmtpAddress("lucía.garcía5@example.org", true));
    assertThat(SmtpAddress.of("用户@例子.广告")).isEqualTo(new SmtpAddress("用户@例子.广告", true));
  }
}
