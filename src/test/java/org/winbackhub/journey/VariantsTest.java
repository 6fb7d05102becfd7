package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A/B variants: the same contact always gets the same one; the shares hold over many contacts. */
class VariantsTest {
  static final List<Variant> THIRTY_SEVENTY =
      List.of(new Variant("a", 30, null, null, null), new Variant("b", 70, "sms/b", null, null));
  static final List<Variant> HALVES =
      List.of(new Variant("a", 50, null, null, null), new Variant("b", 50, null, null, null));

  @Test
  void the_shares_hold_within_two_points_over_ten_thousand_contacts() {
    long a =
        LongStream.rangeClosed(1, 10_000)
            .filter(
                id -> Variants.pick("winback-sms", "coupon", id, THIRTY_SEVENTY).id().equals("a"))
            .count();
    assertThat(a).isBetween(2_800L, 3_200L);
  }

  @Test
  void a_contact_gets_the_same_variant_on_every_run() {
    for (long id = 1; id <= 1000; id++) {
      assertThat(Variants.pick("winback-sms", "coupon", id, HALVES))
          .isEqualTo(Variants.pick("winback-sms", "coupon", id, List.copyOf(HALVES)));
    }
    // a fixed point: the hash is SHA-256 of "journey:step:contact", the same in every JVM
    assertThat(Variants.pick("winback-sms", "coupon", 42, HALVES).id())
        .isEqualTo(StableHash.bucket("winback-sms:coupon:42") < 0.5 ? "a" : "b");
  }

  @Test
  void each_step_and_journey_splits_the_contacts_anew() {
    long bothA =
        LongStream.rangeClosed(1, 10_000)
            .filter(
                id ->
                    Variants.pick("j", "s1", id, HALVES).id().equals("a")
                        && Variants.pick("j", "s2", id, HALVES).id().equals("a"))
            .count();
    assertThat(bothA).as("independent halves: about a quarter").isBetween(2_300L, 2_700L);
    long sameAcrossJourneys =
        LongStream.rangeClosed(1, 10_000)
            .filter(
                id ->
                    Variants.pick("j1", "s", id, HALVES)
                        .id()
                        .equals(Variants.pick("j2", "s", id, HALVES).id()))
            .count();
    assertThat(sameAcrossJourneys).isBetween(4_700L, 5_300L);
  }

  @Test
  void a_step_without_variants_has_none() {
    assertThat(Variants.pick("j", "s", 1, List.of())).isNull();
  }
}
