package org.winbackhub.journey;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The time zone a recipient's day is read in, for send windows: the contact's own zone when the
 * store has one, else the zone of their phone number (libphonenumber's time-zone data), else the
 * hub's. A number that may be in several zones (a Spanish mobile: Madrid or the Canaries; a
 * country-wide number) takes the hub's zone when it is one of them, otherwise the first of them in
 * alphabetical order, so every run and every instance picks the same.
 */
public final class RecipientZone {
  private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

  /** Where a zone came from, for the words of {@code explain}. */
  public enum Source {
    CONTACT,
    PHONE,
    HUB
  }

  /** A zone and where it came from. */
  public record Zone(ZoneId id, Source source) {}

  private final ZoneId hub;

  public RecipientZone(ZoneId hub) {
    this.hub = hub;
  }

  /**
   * The zone of a contact with {@code timeZone} (may be null or unknown) and E.164 {@code phone}.
   */
  public Zone of(String timeZone, String phone) {
    if (timeZone != null && !timeZone.isBlank()) {
      try {
        return new Zone(ZoneId.of(timeZone.trim()), Source.CONTACT);
      } catch (DateTimeException e) {
        // a zone the JDK does not know: the phone's or the hub's
      }
    }
    ZoneId fromPhone = phone == null || phone.isBlank() ? null : lookUp(phone.trim());
    return fromPhone != null ? new Zone(fromPhone, Source.PHONE) : new Zone(hub, Source.HUB);
  }

  private ZoneId lookUp(String phone) {
    try {
      var number = PhoneNumberUtil.getInstance().parse(phone, "ZZ");
      List<String> zones =
          PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number).stream()
              .filter(z -> !z.equals(UNKNOWN))
              .sorted()
              .toList();
      if (zones.isEmpty()) {
        return null;
      }
      return zones.contains(hub.getId()) ? hub : ZoneId.of(zones.get(0));
    } catch (NumberParseException | DateTimeException e) {
      return null;
    }
  }
}
