package org.winbackhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionTallyTest {
  @Test
  void rows_with_any_refusal_count_once_and_reasons_are_grouped_without_the_values_they_quote() {
    RejectionTally tally = new RejectionTally();
    tally.row(true, List.of("email: not a valid address: has an invalid name part"));
    tally.row(
        true,
        List.of("total: expected a number, got '2025-06-01 10:00'", "phone: not a phone number"));
    tally.row(true, List.of("total: expected a number, got '2024-01-31 09:15'"));
    tally.row(false, List.of("total: expected a number, got 'lucía@example.org'"));
    tally.row(true, List.of());
    tally.resolved(4);

    RejectedRows rows = tally.summary();
    assertThat(rows.judged()).isEqualTo(4);
    assertThat(rows.rejected()).isEqualTo(3);
    assertThat(rows.resolved()).isEqualTo(4);
    assertThat(rows.sharePercent()).isEqualTo("75.0 %");
    assertThat(rows.topReasons(5))
        .isEqualTo(
            "3 total: expected a number, got '...'; 1 email: not a valid address: has an invalid"
                + " name part; 1 phone: not a phone number")
        .doesNotContain("2025")
        .doesNotContain("lucía");
    assertThat(rows.topReasons(1)).isEqualTo("3 total: expected a number, got '...'");
  }

  @Test
  void the_share_is_exceeded_only_past_the_maximum_and_never_by_a_run_that_judged_nothing() {
    RejectedShare fivePercent = RejectedShare.parse("hub.sources.max-rejected-share", "5 %");
    assertThat(fivePercent.exceededBy(new RejectedRows(100, 5, 0, List.of()))).isFalse();
    assertThat(fivePercent.exceededBy(new RejectedRows(100, 6, 0, List.of()))).isTrue();
    assertThat(fivePercent.exceededBy(new RejectedRows(0, 0, 0, List.of()))).isFalse();
    assertThat(fivePercent).hasToString("5 %");
    assertThat(RejectedShare.parse("k", "0.2")).isEqualTo(RejectedShare.parse("k", "20%"));
    assertThat(RejectedShare.parse("k", "0%").exceededBy(new RejectedRows(1000, 1, 0, List.of())))
        .isTrue();
    assertThat(fivePercent.exceededBy(new RejectedRows(3, 1, 0, List.of())))
        .as("one bad row of a small catch-up is that row's problem")
        .isFalse();
    assertThat(fivePercent.exceededBy(new RejectedRows(3, 2, 0, List.of()))).isTrue();
  }

  @Test
  void a_wrong_share_names_its_property_and_what_was_expected() {
    assertThatThrownBy(() -> RejectedShare.parse("hub.sources.crm.max-rejected-share", "five"))
        .hasMessage(
            "property hub.sources.crm.max-rejected-share: expected a share such as 5% or 0.05 (from"
                + " 0 to 100 %), got 'five'");
    assertThatThrownBy(() -> RejectedShare.parse("hub.sources.max-rejected-share", "150%"))
        .hasMessageContaining("got '150%'");
  }
}
