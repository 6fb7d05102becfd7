package org.winbackhub.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winbackhub.feedback.MachineOpens.Reason;

class MachineOpensTest {
  static final Instant DELIVERED = Instant.parse("2026-12-01T09:15:00Z");
  static final String SAFARI =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148";
  static final String FIREFOX =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

  final MachineOpens opens = new MachineOpens();

  Instant later(int seconds) {
    return DELIVERED.plusSeconds(seconds);
  }

  @Test
  void a_person_opening_later_is_human() {
    var v = opens.classify(later(3600), DELIVERED, FIREFOX, "198.51.100.23");
    assertThat(v.machine()).isFalse();
    assertThat(v.reason()).isEqualTo(Reason.HUMAN);
    assertThat(opens.classify(later(600), DELIVERED, SAFARI, "2001:db8::17").machine()).isFalse();
  }

  @Test
  void apple_privacy_protection_prefetches_are_machines() {
    // from Apple's network, whatever the agent, and hours after delivery
    var fromApple = opens.classify(later(7200), DELIVERED, SAFARI, "17.58.101.4");
    assertThat(fromApple.machine()).isTrue();
    assertThat(fromApple.reason()).isEqualTo(Reason.APPLE_PRIVACY_PROTECTION);
    // the bare agent Apple's proxy sends, from a relay address outside 17/8
    assertThat(opens.classify(later(7200), DELIVERED, "Mozilla/5.0", "104.28.0.1").reason())
        .isEqualTo(Reason.APPLE_PRIVACY_PROTECTION);
    assertThat(opens.classify(later(7200), DELIVERED, FIREFOX, "::ffff:17.1.2.3").machine())
        .as("an IPv4-mapped Apple address")
        .isTrue();
    assertThat(opens.classify(later(7200), DELIVERED, FIREFOX, "18.0.0.1").machine()).isFalse();
  }

  @Test
  void an_open_within_seconds_of_delivery_or_before_it_is_a_machine() {
    var quick = opens.classify(DELIVERED.plusMillis(1500), DELIVERED, FIREFOX, "198.51.100.23");
    assertThat(quick.reason()).isEqualTo(Reason.TOO_SOON_AFTER_DELIVERY);
    assertThat(quick.detail()).isEqualTo("1500 ms after delivery, under 2000 ms");
    assertThat(opens.classify(DELIVERED.minusSeconds(1), DELIVERED, FIREFOX, null).machine())
        .isTrue();
    assertThat(opens.classify(later(2), DELIVERED, FIREFOX, null).machine()).isFalse();
    assertThat(opens.classify(later(2), null, FIREFOX, null).machine())
        .as("no delivery time known: no timing rule")
        .isFalse();
    var patient = new MachineOpens(Duration.ofSeconds(30), List.of(), List.of(), false);
    assertThat(patient.classify(later(20), DELIVERED, FIREFOX, null).machine()).isTrue();
  }

  @Test
  void gmail_and_yahoo_proxies_are_named_and_human_unless_configured() {
    String gmail =
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
    var v = opens.classify(later(900), DELIVERED, gmail, "66.249.84.1");
    assertThat(v.machine()).isFalse();
    assertThat(v.reason()).isEqualTo(Reason.MAIL_PROVIDER_PROXY);
    assertThat(v.detail()).isEqualTo("GoogleImageProxy");
    String yahoo = "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html";
    assertThat(opens.classify(later(900), DELIVERED, yahoo, null).detail())
        .isEqualTo("YahooMailProxy");
    var strict = new MachineOpens(Duration.ofSeconds(2), List.of(), List.of(), true);
    assertThat(strict.classify(later(900), DELIVERED, gmail, null).machine()).isTrue();
    // a proxy fetch within seconds of delivery is a prefetch, proxy or not
    assertThat(opens.classify(later(1), DELIVERED, gmail, null).machine()).isTrue();
  }

  @Test
  void scanners_scripts_and_configured_ranges_are_machines() {
    assertThat(opens.classify(later(900), DELIVERED, "Barracuda Sentinel (EE)", null).reason())
        .isEqualTo(Reason.KNOWN_AGENT);
    assertThat(opens.classify(later(900), DELIVERED, "python-requests/2.31", null).machine())
        .isTrue();
    assertThat(opens.classify(later(900), DELIVERED, "", null).reason())
        .isEqualTo(Reason.NO_USER_AGENT);
    var corp =
        new MachineOpens(
            Duration.ofSeconds(2), List.of("AcmeGateway"), List.of("203.0.113.0/24"), false);
    assertThat(corp.classify(later(900), DELIVERED, FIREFOX, "203.0.113.77").reason())
        .isEqualTo(Reason.KNOWN_ADDRESS);
    assertThat(corp.classify(later(900), DELIVERED, "acmegateway/3", null).reason())
        .isEqualTo(Reason.KNOWN_AGENT);
    assertThat(corp.classify(later(900), DELIVERED, FIREFOX, "203.0.114.1").machine()).isFalse();
  }

  @Test
  void an_address_is_never_looked_up_and_a_bad_range_is_named() {
    assertThat(opens.classify(later(900), DELIVERED, FIREFOX, "apple.com").machine()).isFalse();
    assertThatThrownBy(
            () -> new MachineOpens(Duration.ZERO, List.of(), List.of("10.0.0.0/33"), false))
        .hasMessage("'10.0.0.0/33' is not an address range in CIDR form");
  }
}
