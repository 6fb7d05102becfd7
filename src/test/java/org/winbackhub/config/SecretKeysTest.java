package org.winbackhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretKeysTest {
  @Test
  void every_secret_of_the_hub_is_one_by_its_name_alone() {
    for (String key :
        List.of(
            "hub.store.password",
            "hub.smtp.password",
            "hub.tracking.secret",
            "hub.admin.token",
            "hub.shop.access-token",
            "hub.shop.webhook-secret",
            "hub.sendgrid.api-key",
            "hub.twilio.auth-token",
            "hub.provider.signing-key",
            "HUB_SHOP_WEBHOOK_SECRET")) {
      assertThat(SecretKeys.isSecret(key)).as(key).isTrue();
    }
  }

  @Test
  void settings_that_merely_mention_a_secret_word_are_shown() {
    for (String key :
        List.of(
            "hub.store.url",
            "hub.store.user",
            "hub.shop.source-id",
            "hub.links.shop",
            "hub.keyboard",
            "hub.tokens.enabled",
            "hub.password-policy.length",
            "hub.secret.path",
            "hub.loyalty.key-column")) {
      assertThat(SecretKeys.isSecret(key)).as(key).isFalse();
    }
  }

  @Test
  void a_secret_is_printed_masked_and_anything_else_as_it_is() {
    assertThat(SecretKeys.shown("hub.shop.webhook-secret", "s3cr3t")).isEqualTo("xxxxxx");
    assertThat(SecretKeys.shown("hub.store.pool-size", "eight")).isEqualTo("eight");
  }

  @Test
  void camels_keywords_are_the_last_segments_of_the_secret_keys() {
    assertThat(
            SecretKeys.keywords(
                List.of(
                    "hub.shop.webhook-secret",
                    "hub.admin.token",
                    "hub.store.url",
                    "hub.sendgrid.api-key")))
        .isEqualTo("apikey,token,webhooksecret");
  }
}
