package org.winbackhub.segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Days, money, shares and multiples as an explanation writes them. */
final class PlainWords {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  private PlainWords() {}

  static double share(double value, double full) {
    return 100 * Math.min(1, value / full);
  }

  static String money(BigDecimal v) {
    return v == null ? "-" : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String day(Instant i, ZoneId zone) {
    return i == null ? "never" : DAY.format(i.atZone(zone));
  }

  static String ago(Instant i, Instant now, ZoneId zone) {
    return i == null
        ? "never"
        : day(i, zone) + " (" + Duration.between(i, now).toDays() + " days ago)";
  }
}
