package org.winbackhub.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.config.ConfigValueException;
import org.winbackhub.model.TimeSpan;

class InactivityPolicyTest {

  @Test
  void defaults_to_the_retail_policy() {
    InactivityPolicy policy = new InactivityPolicy(null, null, null, null);

    assertThat(policy.profile()).isEqualTo(BusinessProfile.RETAIL);
    assertThat(policy.activity())
        .containsExactly(Activity.PURCHASE, Activity.VISIT, Activity.CLICK);
    assertThat(policy.tiers())
        .containsExactly(
            Map.entry(Tier.AT_RISK, TimeSpan.parse("P2M")),
            Map.entry(Tier.LAPSED, TimeSpan.parse("P3M")),
            Map.entry(Tier.DORMANT, TimeSpan.parse("P12M")));
    assertThat(policy.rhythm().minPurchases()).isEqualTo(4);
    assertThat(policy.sunset().afterMessages()).isEqualTo(5);
    assertThat(policy.zoneId()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void counts_clicks_on_either_channel_as_activity() {
    InactivityPolicy policy =
        new InactivityPolicy(
            null, List.of(Activity.PURCHASE, Activity.CLICK, Activity.OPEN), null, null);

    assertThat(policy.activityEventCodes())
        .containsExactly("purchase", "email_clicked", "sms_clicked", "email_opened");
  }

  @Test
  void presets_follow_the_business_cycle() {
    InactivityPolicy pizzeria = new InactivityPolicy("restaurant", null, null, null);
    assertThat(pizzeria.tiers().get(Tier.LAPSED)).isEqualTo(TimeSpan.parse("P6M"));
    InactivityPolicy florist = new InactivityPolicy("florist", null, null, null);
    assertThat(florist.tiers().get(Tier.LAPSED)).isEqualTo(TimeSpan.parse("P13M"));
    InactivityPolicy card = new InactivityPolicy("card_issuer", null, null, null);
    assertThat(card.activity()).containsExactly(Activity.PURCHASE);
    assertThat(card.tiers().get(Tier.LAPSED)).isEqualTo(TimeSpan.parse("P6M"));
    InactivityPolicy dealer = new InactivityPolicy("car_dealer", null, null, null);
    assertThat(
            dealer
                .tiers()
                .get(Tier.LAPSED)
                .longerThan(TimeSpan.parse("P24M"), Instant.now(), ZoneId.of("UTC")))
        .isTrue();
  }

  @Test
  void a_purchase_always_counts() {
    assertThatThrownBy(() -> new InactivityPolicy(null, List.of(Activity.CLICK), null, null))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageContaining("must include purchase");
  }

  @Test
  void rejects_tiers_that_do_not_get_longer() {
    Map<Tier, TimeSpan> tiers =
        Map.of(Tier.LAPSED, TimeSpan.parse("P12M"), Tier.DORMANT, TimeSpan.parse("P3M"));

    assertThatThrownBy(() -> new InactivityPolicy("retail", null, tiers, "Europe/Madrid"))
        .isInstanceOf(ConfigValueException.class)
        .hasMessage("tiers: dormant (P3M) must be longer than lapsed (P12M)");
  }

  @Test
  void rejects_two_tiers_of_the_same_length() {
    Map<Tier, TimeSpan> tiers =
        Map.of(Tier.AT_RISK, TimeSpan.parse("P3M"), Tier.LAPSED, TimeSpan.parse("P3M"));

    assertThatThrownBy(() -> new InactivityPolicy("retail", null, tiers, "UTC"))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageContaining("lapsed");
  }

  @Test
  void rejects_a_zone_that_does_not_exist() {
    assertThatThrownBy(() -> new InactivityPolicy("retail", null, null, "Europe/Atlantis"))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageContaining("Europe/Atlantis");
  }

  @Test
  void rejects_an_unknown_profile() {
    assertThatThrownBy(() -> new InactivityPolicy("saas", null, null, null))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageContaining("saas");
  }

  @Test
  void the_rhythm_and_the_model_can_be_switched_off_in_the_file(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("policies.yaml");
    Files.writeString(
        file, "profile: retail\nrhythm:\n  enabled: false\nmodel: {enabled: false}\n");

    InactivityPolicy policy = InactivityPolicy.load(file);

    assertThat(policy.rhythm().enabled()).isFalse();
    assertThat(policy.model().enabled()).isFalse();
    assertThat(new InactivityPolicy(null, null, null, null).rhythm().enabled())
        .as("on by default")
        .isTrue();
  }
}
