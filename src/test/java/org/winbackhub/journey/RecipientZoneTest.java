package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Whose clock a send window is read on: the contact's zone, their phone's, or the hub's. */
class RecipientZoneTest {
  final RecipientZone zones = new RecipientZone(ZoneId.of("Europe/Madrid"));

  @Test
  void the_contacts_own_zone_comes_first() {
    RecipientZone.Zone z = zones.of("America/New_York", "+34612345678");
    assertThat(z.id()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(z.source()).isEqualTo(RecipientZone.Source.CONTACT);
  }

  @Test
  void a_new_york_number_is_read_in_new_york_time() {
    RecipientZone.Zone z = zones.of(null, "+12125550143");
    assertThat(z.id()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(z.source()).isEqualTo(RecipientZone.Source.PHONE);
  }

  @Test
  void a_number_of_several_zones_takes_the_hubs_when_it_is_one_of_them() {
    // a Spanish mobile may be on the peninsula or on the Canary Islands
    RecipientZone.Zone z = zones.of(null, "+34612345678");
    assertThat(z.id()).isEqualTo(ZoneId.of("Europe/Madrid"));
    assertThat(z.source()).isEqualTo(RecipientZone.Source.PHONE);
    // for a hub elsewhere, the first of them in alphabetical order, the same on every run
    RecipientZone london = new RecipientZone(ZoneId.of("Europe/London"));
    assertThat(london.of(null, "+34612345678").id()).isEqualTo(ZoneId.of("Atlantic/Canary"));
  }

  @Test
  void without_zone_or_phone_or_with_an_unknown_zone_the_hubs_zone() {
    assertThat(zones.of(null, null).source()).isEqualTo(RecipientZone.Source.HUB);
    assertThat(zones.of("Mars/Olympus", null).id()).isEqualTo(ZoneId.of("Europe/Madrid"));
    assertThat(zones.of(" ", "not a number").id()).isEqualTo(ZoneId.of("Europe/Madrid"));
  }
}
