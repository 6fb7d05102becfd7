package org.winbackhub.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winbackhub.feedback.ScannerClicks.Click;
import org.winbackhub.feedback.ScannerClicks.Reason;

class ScannerClicksTest {
  static final Instant DELIVERED = Instant.parse("2026-12-01T09:15:00Z");
  static final String EDGE =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";

  final ScannerClicks scanners = new ScannerClicks();

  static Click click(String link, long millisAfterDelivery) {
    return new Click(link, DELIVERED.plusMillis(millisAfterDelivery), EDGE, "40.94.1.1");
  }

  @Test
  void a_person_clicking_one_link_of_three_is_human() {
    Click c = click("offer", 3_600_000);
    var v = scanners.classify(c, List.of(c), 3, DELIVERED);
    assertThat(v.scanner()).isFalse();
    assertThat(v.reason()).isEqualTo(Reason.HUMAN);
  }

  @Test
  void every_link_of_the_message_within_seconds_is_a_scanner() {
    var burst = List.of(click("offer", 60_000), click("shop", 60_400), click("unsub", 61_100));
    var verdicts = scanners.classifyAll(burst, 3, DELIVERED);
    assertThat(verdicts).allMatch(v -> v.scanner() && v.reason() == Reason.EVERY_LINK_AT_ONCE);
    assertThat(verdicts.get(0).detail()).isEqualTo("all 3 links within 5000 ms");
  }

  @Test
  void every_link_but_spread_over_minutes_is_a_person() {
    var spread = List.of(click("offer", 60_000), click("shop", 180_000), click("unsub", 900_000));
    assertThat(scanners.classifyAll(spread, 3, DELIVERED)).noneMatch(v -> v.scanner());
  }

  @Test
  void two_of_three_links_at_once_is_not_enough() {
    var two = List.of(click("offer", 60_000), click("shop", 60_500));
    assertThat(scanners.classifyAll(two, 3, DELIVERED)).noneMatch(v -> v.scanner());
  }

  @Test
  void a_person_clicking_later_is_not_tainted_by_an_earlier_scan() {
    var scan = List.of(click("offer", 1_000), click("shop", 1_200));
    Click person = click("offer", 7_200_000);
    var all = new java.util.ArrayList<>(scan);
    all.add(person);
    var verdicts = scanners.classifyAll(all, 2, DELIVERED);
    assertThat(verdicts).extracting(v -> v.scanner()).containsExactly(true, true, false);
  }

  @Test
  void a_single_link_message_is_not_judged_by_the_burst() {
    Click c = click("offer", 60_000);
    assertThat(scanners.classify(c, List.of(c), 1, DELIVERED).scanner()).isFalse();
  }

  @Test
  void a_click_before_delivery_is_a_scanner() {
    Click early = click("offer", -2_000);
    var v = scanners.classify(early, List.of(early), 3, DELIVERED);
    assertThat(v.reason()).isEqualTo(Reason.BEFORE_DELIVERY);
    assertThat(v.detail()).isEqualTo("2000 ms before delivery");
    assertThat(scanners.classify(early, List.of(early), 3, null).scanner()).isFalse();
  }

  @Test
  void known_scanner_agents_and_scripts_are_scanners_but_phones_named_bot_are_not() {
    for (String ua :
        List.of(
            "Mozilla/5.0 (compatible; Barracuda Sentinel)",
            "Proofpoint URL Defense",
            "Mimecast-Scanner/1.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 HeadlessChrome/120.0",
            "curl/8.5.0",
            "Go-http-client/1.1",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")) {
      Click c = new Click("offer", DELIVERED.plusSeconds(600), ua, null);
      assertThat(scanners.classify(c, List.of(c), 3, DELIVERED).reason())
          .as(ua)
          .isEqualTo(Reason.KNOWN_AGENT);
    }
    Click phone =
        new Click(
            "offer",
            DELIVERED.plusSeconds(600),
            "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 Chrome/120 Mobile",
            null);
    assertThat(scanners.classify(phone, List.of(phone), 3, DELIVERED).scanner()).isFalse();
    Click none = new Click("offer", DELIVERED.plusSeconds(600), null, null);
    assertThat(scanners.classify(none, List.of(none), 3, DELIVERED).reason())
        .isEqualTo(Reason.NO_USER_AGENT);
  }

  @Test
  void configured_scanner_ranges_and_bursts() {
    var custom = new ScannerClicks(Duration.ofSeconds(30), List.of(), List.of("40.94.0.0/16"));
    Click c = click("offer", 3_600_000);
    assertThat(custom.classify(c, List.of(c), 3, DELIVERED).reason())
        .isEqualTo(Reason.KNOWN_ADDRESS);
    var slow = new ScannerClicks(Duration.ofSeconds(30), List.of(), List.of());
    var within30 = List.of(click("offer", 60_000), click("shop", 80_000));
    assertThat(slow.classifyAll(within30, 2, DELIVERED)).allMatch(v -> v.scanner());
    assertThat(scanners.classifyAll(within30, 2, DELIVERED)).noneMatch(v -> v.scanner());
  }
}
