package org.winbackhub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.winbackhub.store.ClaimScope;

class ProviderRoutesTest {
  static final Set<String> SMS = Set.of("twilio", "kannel", "smpp", "http-json");

  @Test
  void a_journey_route_wins_then_the_longest_calling_code_then_the_default() {
    ProviderRoutes r =
        ProviderRoutes.parse(
            "hub.sms.routes",
            "+3=kannel, +34=smpp, +351=http-json, winback-sms=twilio",
            "twilio",
            SMS,
            true);
    assertThat(r.providerFor("ladder", "+34612000001")).isEqualTo("smpp");
    assertThat(r.providerFor("ladder", "+351912000001")).isEqualTo("http-json");
    assertThat(r.providerFor("ladder", "+33612000001")).isEqualTo("kannel");
    assertThat(r.providerFor("ladder", "+12125550100")).isEqualTo("twilio");
    assertThat(r.providerFor("winback-sms", "+34612000001")).isEqualTo("twilio");
    assertThat(r.providers()).containsExactly("http-json", "kannel", "smpp", "twilio");
  }

  @Test
  void email_providers_split_the_journeys_without_overlap() {
    ProviderRoutes r =
        ProviderRoutes.parse(
            "hub.email.routes",
            "winback-tier-3=sendgrid, ladder=sendgrid, nurture=smtp",
            "smtp",
            Set.of("smtp", "sendgrid"),
            false);
    assertThat(r.scopeOf("smtp")).isEqualTo(ClaimScope.allBut(Set.of("winback-tier-3", "ladder")));
    assertThat(r.scopeOf("sendgrid"))
        .isEqualTo(ClaimScope.only(Set.of("winback-tier-3", "ladder")));
    assertThat(ProviderRoutes.only("smtp").scopeOf("sendgrid").none()).isTrue();
    assertThat(ProviderRoutes.only("smtp").scopeOf("smtp")).isEqualTo(ClaimScope.all());
  }

  @Test
  void a_route_to_an_unknown_provider_or_from_a_bad_key_is_refused_with_the_property() {
    assertThatThrownBy(
            () -> ProviderRoutes.parse("hub.sms.routes", "+34=vonage", "twilio", SMS, true))
        .hasMessageContaining("hub.sms.routes")
        .hasMessageContaining("'+34=vonage'")
        .hasMessageContaining("http-json, kannel, smpp, twilio");
    assertThatThrownBy(
            () ->
                ProviderRoutes.parse("hub.email.routes", "+34=smtp", "smtp", Set.of("smtp"), false))
        .hasMessageContaining("'+34' is neither a journey id (in route '+34=smtp')");
    assertThatThrownBy(() -> ProviderRoutes.parse("hub.sms.routes", "34", "twilio", SMS, true))
        .hasMessageContaining("names no provider");
  }
}
