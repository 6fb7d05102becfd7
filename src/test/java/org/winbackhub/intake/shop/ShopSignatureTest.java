package org.winbackhub.intake.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ShopSignatureTest {
  final ShopSignature signature = new ShopSignature("hush");
  final byte[] body =
      "{\"id\":820982911946154508,\"total_price\":\"199.00\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void should_match_an_independently_computed_hmac() {
    // printf '%s' '{"id":820982911946154508,"total_price":"199.00"}' | openssl dgst -sha256 -hmac
    // hush -binary | base64
    String expected = "BLLRCSWYUY92SgOKYRvTA2IEMQho5HpxOHEMUnmzl4Y=";
    assertThat(signature.sign(body)).isEqualTo(expected);
    assertThat(signature.verify(body, expected)).isTrue();
  }

  @Test
  void should_refuse_a_changed_body_a_wrong_secret_and_a_missing_or_garbled_header() {
    String good = signature.sign(body);
    byte[] changed =
        "{\"id\":820982911946154508,\"total_price\":\"1.00\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(signature.verify(changed, good)).isFalse();
    assertThat(new ShopSignature("other").verify(body, good)).isFalse();
    assertThat(signature.verify(body, null)).isFalse();
    assertThat(signature.verify(body, "")).isFalse();
    assertThat(signature.verify(body, "not base64!")).isFalse();
    assertThat(signature.verify(body, good.substring(4))).isFalse();
  }

  @Test
  void should_take_only_the_canonical_header_not_another_spelling_of_it() {
    String good = signature.sign(body); // BLLRCSWYUY92SgOKYRvTA2IEMQho5HpxOHEMUnmzl4Y=
    // the character before the padding carries 4 bits of the signature and 2 spare bits
    String spare = good.substring(0, good.length() - 2) + "Z=";
    assertThat(Base64.getDecoder().decode(spare))
        .as("Java's own decoder takes the other spelling")
        .isEqualTo(Base64.getDecoder().decode(good));
    assertThat(signature.verify(body, spare)).isFalse();
    assertThat(signature.verify(body, good.substring(0, good.length() - 1)))
        .as("padding dropped")
        .isFalse();
    assertThat(signature.verify(body, " " + good)).isFalse();
    assertThat(signature.verify(body, good + "\n")).isFalse();
    assertThat(signature.verify(body, good)).isTrue();
  }

  @Test
  void should_verify_the_raw_bytes_not_a_reformatted_json() {
    byte[] spaced =
        "{ \"id\": 820982911946154508, \"total_price\": \"199.00\" }"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(signature.verify(spaced, signature.sign(body))).isFalse();
  }

  @Test
  void should_refuse_to_exist_without_a_secret() {
    assertThatThrownBy(() -> new ShopSignature(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ShopSignature(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
