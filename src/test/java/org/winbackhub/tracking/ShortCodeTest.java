package org.winbackhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShortCodeTest {

  @Test
  void codes_are_eight_base62_characters_and_do_not_repeat() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String code = ShortCode.random();
      assertThat(ShortCode.isWellFormed(code)).as(code).isTrue();
      codes.add(code);
    }
    assertThat(codes).hasSize(100_000);
  }

  @Test
  void anything_else_is_not_a_code() {
    assertThat(ShortCode.isWellFormed("Ab3dE5gH")).isTrue();
    assertThat(ShortCode.isWellFormed("Ab3dE5g")).isFalse();
    assertThat(ShortCode.isWellFormed("Ab3dE5gH1")).isFalse();
    assertThat(ShortCode.isWellFormed("Ab3d-5gH")).isFalse();
    assertThat(ShortCode.isWellFormed("https://x")).isFalse();
    assertThat(ShortCode.isWellFormed(null)).isFalse();
  }

  @Test
  void a_short_link_is_the_public_url_and_its_code() {
    LinkTargets links = new LinkTargets("https://hub.tienda.example/", java.util.Map.of());
    assertThat(links.shortUrl("Ab3dE5gH")).isEqualTo("https://hub.tienda.example/s/Ab3dE5gH");
    assertThat(links.shortUrlLength()).isEqualTo(links.shortUrl("Ab3dE5gH").length());
  }
}
