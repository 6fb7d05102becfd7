package org.winbackhub.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winbackhub.config.ConfigValueException;

/**
 * The hours of the recipient's day a message may go out in: {@code 08:00-21:00}, or a preset
 * ({@code sms}: 08:00-21:00, the quiet hours of US TCPA and most SMS rules; {@code daytime}:
 * 09:00-20:00; {@code any}: at any hour). The end is exclusive, and a window whose end comes before
 * its start runs over midnight. Local times are read in the recipient's zone for each day, so a
 * window keeps its hours across daylight-saving changes.
 */
public record SendWindow(String text, LocalTime from, LocalTime to) {
  private static final Pattern RANGE =
      Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})");

  /** The presets as shipped; {@code hub.send-window.NAME} changes their hours. */
  public static final Map<String, String> PRESETS =
      Map.of("sms", "08:00-21:00", "daytime", "09:00-20:00");

  public static final SendWindow ANY = new SendWindow("any", null, null);

  /** Parses a window as written in a journey; throws with the expected forms. */
  public static SendWindow parse(String text) {
    return parse(text, PRESETS);
  }

  /** Parses a window with these presets' hours (a preset may be {@code any}). */
  public static SendWindow parse(String text, Map<String, String> presets) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    t = presets.getOrDefault(t, PRESETS.getOrDefault(t, t)).trim().toLowerCase(Locale.ROOT);
    if (t.equals("any")) {
      return ANY;
    }
    Matcher m = RANGE.matcher(t);
    if (m.matches()) {
      try {
        LocalTime from = LocalTime.parse(pad(m.group(1)));
        LocalTime to = LocalTime.parse(pad(m.group(2)));
        if (!from.equals(to)) {
          return new SendWindow(t, from, to);
        }
      } catch (DateTimeParseException e) {
        // told below
      }
    }
    throw new ConfigValueException(
        "window: expected sms (08:00-21:00), daytime (09:00-20:00), any, or hours such as"
            + " 08:00-21:00, got '"
            + text
            + "'");
  }

  private static String pad(String hhmm) {
    return hhmm.length() == 4 ? "0" + hhmm : hhmm;
  }

  public boolean isAny() {
    return from == null;
  }

  /** True when {@code local} falls inside the window. */
  public boolean allows(LocalTime local) {
    if (isAny()) {
      return true;
    }
    return from.isBefore(to)
        ? !local.isBefore(from) && local.isBefore(to)
        : !local.isBefore(from) || local.isBefore(to);
  }

  /** {@code at} when it is inside the window in {@code zone}, else the next opening after it. */
  public Instant next(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    if (allows(local.toLocalTime())) {
      return at;
    }
    LocalDate day = local.toLocalDate();
    LocalDate opening = local.toLocalTime().isBefore(from) ? day : day.plusDays(1);
    // a start inside a daylight-saving gap (02:30 on the spring-forward night) moves to after it
    return ZonedDateTime.of(opening, from, zone).toInstant();
  }

  @Override
  public String toString() {
    return isAny() ? "any" : from + "-" + to;
  }
}
