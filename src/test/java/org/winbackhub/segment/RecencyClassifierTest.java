package org.winbackhub.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.model.TimeSpan;
import org.winbackhub.store.FactRepository.Band;

class RecencyClassifierTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final Instant NOW = ZonedDateTime.of(2026, 11, 22, 12, 0, 0, 0, MADRID).toInstant();
  final RecencyClassifier retail = new RecencyClassifier(new InactivityPolicy(null, null, null, "Europe/Madrid"));

  static Instant monthsAgo(int months) {
    return NOW.atZone(MADRID).minusMonths(months).toInstant();
  }

  @Test
  void the_retail_default_splits_at_three_and_twelve_months() {
    assertThat(retail.classify(monthsAgo(1), NOW)).isEqualTo(Lifecycle.ACTIVE);
    assertThat(retail.classify(monthsAgo(4), NOW)).isEqualTo(Lifecycle.LAPSED);
    assertThat(retail.classify(monthsAgo(11), NOW)).isEqualTo(Lifecycle.LAPSED);
    assertThat(retail.classify(monthsAgo(13), NOW)).isEqualTo(Lifecycle.DORMANT);
    assertThat(retail.classify(null, NOW)).isEqualTo(Lifecycle.NEVER_ENGAGED);
  }

  @Test
  void three_months_to_the_day_is_still_active_and_a_second_more_is_lapsed() {
    assertThat(retail.classify(monthsAgo(3), NOW)).isEqualTo(Lifecycle.ACTIVE);
    assertThat(retail.classify(monthsAgo(3).minusSeconds(1), NOW)).isEqualTo(Lifecycle.LAPSED);
  }

  @Test
  void bands_go_from_the_oldest_cut_off_and_explain_themselves() {
    List<Band> bands = retail.bands(NOW);
    assertThat(bands).extracting(Band::lifecycle).containsExactly("DORMANT", "LAPSED");
    assertThat(bands.get(0).before()).isBefore(bands.get(1).before());
    assertThat(bands.get(1).reason()).isEqualTo("no purchase, visit or click for over 3 months (since before 2026-08-22)");
    assertThat(retail.never().reason()).isEqualTo("never any purchase, visit or click");
  }

  @Test
  void an_at_risk_tier_comes_before_lapsed() {
    Map<InactivityPolicy.Tier, TimeSpan> tiers = new LinkedHashMap<>();
    tiers.put(InactivityPolicy.Tier.AT_RISK, TimeSpan.parse("P6W"));
    tiers.put(InactivityPolicy.Tier.LAPSED, TimeSpan.parse("P3M"));
    RecencyClassifier c = new RecencyClassifier(new InactivityPolicy("retail", null, tiers, "UTC"));
    assertThat(c.classify(monthsAgo(2), NOW)).isEqualTo(Lifecycle.AT_RISK);
    assertThat(c.classify(monthsAgo(5), NOW)).isEqualTo(Lifecycle.LAPSED);
  }

  @Test
  void tiers_must_grow_longer_and_the_zone_must_exist() {
    Map<InactivityPolicy.Tier, TimeSpan> tiers = new LinkedHashMap<>();
    tiers.put(InactivityPolicy.Tier.LAPSED, TimeSpan.parse("P12M"));
    tiers.put(InactivityPolicy.Tier.DORMANT, TimeSpan.parse("P3M"));
    assertThatThrownBy(() -> new InactivityPolicy("retail", null, tiers, "UTC"))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageContaining("dormant (P3M) must be longer than lapsed (P12M)");
    assertThatThrownBy(() -> new InactivityPolicy("retail", null, null, "Mars/Olympus"))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageContaining("Mars/Olympus");
  }
}
