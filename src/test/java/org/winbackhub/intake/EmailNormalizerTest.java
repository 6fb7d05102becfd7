package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.winbackhub.model.EmailAddress;

class EmailNormalizerTest {
  final EmailNormalizer emails = new EmailNormalizer();

  @Test
  void keeps_an_address_as_typed_but_trimmed() {
    assertThat(emails.normalize("  Lucia.Garcia+promo@Example.COM "))
        .isEqualTo("Lucia.Garcia+promo@Example.COM");
  }

  @Test
  void a_blank_address_is_no_address() {
    assertThat(emails.normalize("   ")).isNull();
    assertThat(emails.normalize(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lucía.garcía5@example.org",
        "用户@例子.广告",
        "josé@bücher.de",
        "josé@xn--bcher-kva.de",
        "Δοκιμή@παράδειγμα.δοκιμή",
        "アドレス@例え.jp",
        "straße@straße.de"
      })
  void takes_international_addresses_rfc_6531(String address) {
    assertThat(emails.normalize(address)).isEqualTo(address);
  }

  @Test
  void keeps_the_nfc_form_of_an_address_typed_with_combining_accents() {
    String decomposed = "luci\u0301a@example.org"; // i + combining acute, as some systems store it
    assertThat(emails.normalize(decomposed)).isEqualTo("lucía@example.org").hasSize(17);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lucia",
        "lucia@",
        "@example.com",
        "lu cia@example.com",
        "lucia@@example.com",
        "lucia@example",
        "lucia..garcia@example.com",
        ".lucia@example.com",
        "lucia@exa_mple.com",
        "lucia@example.c",
        "lucía@exa mple.com",
        "lu\u00A0cía@example.org",
        "lu\u200Bcía@example.org",
        "lucía@xn--zz.de",
        "lucía@-bücher.de",
        "luc\uFFFDa@example.org"
      })
  void rejects_what_would_bounce_naming_the_email_field(String raw) {
    assertThatThrownBy(() -> emails.normalize(raw))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageStartingWith("email: not a valid address")
        .extracting(e -> ((InvalidFieldException) e).field())
        .isEqualTo("email");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "lucía.garcía5@@example.org | needs one @ between a name and a domain",
        "lu cía@example.org | has an invalid name part",
        "lucía@exa_mple.com | has an invalid domain",
        "lucía@example | has a domain without a dot",
        "luc\uFFFDa@example.org | has an unreadable character (U+FFFD) in its name part"
      })
  void says_why_an_address_is_refused_and_masks_it(String raw, String reason) {
    assertThatThrownBy(() -> emails.normalize(raw))
        .hasMessageContaining(reason)
        .satisfies(
            e ->
                assertThat(((InvalidFieldException) e).value())
                    .startsWith(raw.substring(0, 1) + "***@")
                    .doesNotContain(raw))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw));
  }

  @Test
  void rejects_an_address_longer_than_254_characters() {
    String longAddress =
        "a".repeat(60)
            + "@"
            + "b".repeat(63)
            + "."
            + "c".repeat(63)
            + "."
            + "d".repeat(63)
            + "."
            + "e".repeat(63)
            + ".com";
    assertThatThrownBy(() -> emails.normalize(longAddress)).hasMessageContaining("254");
    String longLocal = "á".repeat(33) + "@example.org"; // 66 bytes in UTF-8
    assertThatThrownBy(() -> emails.normalize(longLocal)).hasMessageContaining("invalid name part");
  }

  @Test
  void every_valid_address_has_a_key_that_is_its_own_key() {
    for (String a :
        new String[] {
          "Lucía.García5@Example.ORG", "用户@例子.广告", "JOSÉ@BÜCHER.DE", "ana@example.com"
        }) {
      String key = EmailAddress.key(emails.normalize(a));
      assertThat(EmailAddress.key(key)).isEqualTo(key);
      assertThat(emails.normalize(key)).isEqualTo(key);
    }
  }
}
