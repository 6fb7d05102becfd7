package org.winbackhub.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {
  @Test
  void compares_addresses_in_one_form_whatever_case_or_unicode_form_they_were_typed_in() {
    String key = "lucía.garcía5@example.org";
    assertThat(EmailAddress.key("Lucía.García5@EXAMPLE.org")).isEqualTo(key);
    assertThat(EmailAddress.key(" luci\u0301a.garci\u0301a5@example.org "))
        .isEqualTo(key); // decomposed accents
    assertThat(EmailAddress.key("LUCÍA.GARCÍA5@example.org")).isEqualTo(key);
  }

  @Test
  void puts_an_international_domain_in_its_ascii_form_whether_typed_in_unicode_or_punycode() {
    assertThat(EmailAddress.key("josé@bücher.de")).isEqualTo("josé@xn--bcher-kva.de");
    assertThat(EmailAddress.key("José@XN--BCHER-KVA.DE")).isEqualTo("josé@xn--bcher-kva.de");
    assertThat(EmailAddress.key("José@BÜCHER.de")).isEqualTo("josé@xn--bcher-kva.de");
    assertThat(EmailAddress.key("用户@例子.广告")).isEqualTo("用户@xn--fsqu00a.xn--4rr70v");
    assertThat(EmailAddress.key("x@例子。广告"))
        .isEqualTo("x@xn--fsqu00a.xn--4rr70v"); // ideographic full stop
  }

  @Test
  void keeps_the_eszett_of_a_domain_as_idna2008_does() {
    // IDNA2003 (java.net.IDN) would map straße.de to strasse.de, another domain under IDNA2008
    assertThat(EmailAddress.key("a@straße.de")).isEqualTo("a@xn--strae-oqa.de");
  }

  @Test
  void an_ascii_address_is_keyed_by_its_lower_case_as_the_hub_stored_it_before() {
    assertThat(EmailAddress.key("Rosa.Ramos@Example.com")).isEqualTo("rosa.ramos@example.com");
    assertThat(EmailAddress.key(null)).isNull();
    assertThat(EmailAddress.key("not an address")).isEqualTo("not an address");
    assertThat(EmailAddress.key("a@exa_mple.COM")).isEqualTo("a@exa_mple.com");
  }

  @Test
  void masks_personal_values() {
    assertThat(Masked.email("lucía.garcía5@example.org")).isEqualTo("l***@example.org");
    assertThat(Masked.email("用户@例子.广告")).isEqualTo("用***@例子.广告");
    assertThat(Masked.phone("+34612345678")).isEqualTo("+34******678");
    assertThat(Masked.text("Lucía")).isEqualTo("L***");
  }
}
