package org.winbackhub.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated codes: the pool's shape, unique, and a check character that catches typing mistakes.
 */
class CouponCodesTest {
  final OfferPools.Generate pool = new OfferPools.Generate("WB10-", 8);

  @Test
  void a_generated_code_has_the_prefix_the_length_and_no_misreadable_character() {
    String code = CouponCodes.generate(pool);
    assertThat(code).matches("WB10-[2-9A-HJ-NP-Z]{9}");
    assertThat(CouponCodes.valid(pool, code)).isTrue();
    assertThat(CouponCodes.valid(pool, code.toLowerCase())).as("case does not matter").isTrue();
  }

  @Test
  void generated_codes_do_not_repeat() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      assertThat(codes.add(CouponCodes.generate(pool))).isTrue();
    }
  }

  @Test
  void every_single_mistyped_character_is_caught() {
    for (int n = 0; n < 50; n++) {
      String code = CouponCodes.generate(pool);
      for (int i = pool.prefix().length(); i < code.length(); i++) {
        for (char other : CouponCodes.ALPHABET.toCharArray()) {
          if (other != code.charAt(i)) {
            String typo = code.substring(0, i) + other + code.substring(i + 1);
            assertThat(CouponCodes.valid(pool, typo)).as("%s typed as %s", code, typo).isFalse();
          }
        }
      }
    }
  }

  @Test
  void swapped_neighbours_are_caught_but_for_2z() {
    int missed = 0;
    Set<String> missedPairs = new HashSet<>();
    for (char a : CouponCodes.ALPHABET.toCharArray()) {
      for (char b : CouponCodes.ALPHABET.toCharArray()) {
        if (a == b) {
          continue;
        }
        String body = "K7" + a + b + "MQ4R";
        String code = pool.prefix() + body + CouponCodes.checkCharacter(body);
        String swapped = pool.prefix() + "K7" + b + a + "MQ4R" + code.charAt(code.length() - 1);
        if (CouponCodes.valid(pool, swapped)) {
          missed++;
          missedPairs.add("" + a + b);
        }
      }
    }
    assertThat(missedPairs).containsExactlyInAnyOrder("2Z", "Z2");
    assertThat(missed).isEqualTo(2);
  }

  @Test
  void a_code_of_another_shape_is_not_one_of_the_pool() {
    String code = CouponCodes.generate(pool);
    assertThat(CouponCodes.valid(pool, code.replace("WB10-", "WB20-"))).isFalse();
    assertThat(CouponCodes.valid(pool, code + "2")).isFalse();
    assertThat(CouponCodes.valid(pool, code.substring(0, code.length() - 1))).isFalse();
    assertThat(CouponCodes.valid(pool, code.substring(0, 6) + "0" + code.substring(7)))
        .as("a zero is never in a code")
        .isFalse();
    assertThat(CouponCodes.valid(pool, null)).isFalse();
  }
}
