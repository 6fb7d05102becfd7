package org.winbackhub.segment.predict;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A purchase log ({@code customer_id,date,amount}) summarized per customer for the models: the
 * purchases up to the end of the calibration period, one per day (a day's amounts add up), turned
 * into x, t_x, T and the mean repeat spend in days or weeks. Customers whose first purchase is
 * after the calibration end are left out; a line that cannot be read is listed with its number and
 * the reason, and the rest goes on.
 */
public final class PurchaseLog {
  /** The unit t_x, T and the horizon are counted in. */
  public enum TimeUnit {
    DAYS(1),
    WEEKS(7);

    final double days;

    TimeUnit(double days) {
      this.days = days;
    }

    public static TimeUnit parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("time unit: expected days or weeks, got '" + text + "'");
      }
    }
  }

  /** The customers summarized, and the lines that could not be read. */
  public record Summary(
      List<Rfm> customers, List<String> rejected, long lines, long afterCalibration) {}

  private PurchaseLog() {}

  public static Summary read(Path csv, LocalDate calibrationEnd, TimeUnit unit) {
    Map<String, TreeMap<LocalDate, BigDecimal>> days = new HashMap<>();
    List<String> rejected = new ArrayList<>();
    long lines = 0;
    long after = 0;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .build()
                .parse(in)) {
      List<String> header =
          parser.getHeaderNames().stream()
              .map(h -> h.replace("\uFEFF", "").toLowerCase(Locale.ROOT))
              .toList();
      if (!header.containsAll(List.of("customer_id", "date"))) {
        throw new IllegalArgumentException(
            csv + ": the header must be customer_id,date,amount; found " + header);
      }
      int id = header.indexOf("customer_id");
      int date = header.indexOf("date");
      int amount = header.indexOf("amount");
      for (CSVRecord line : parser) {
        lines++;
        long number = line.getRecordNumber() + 1;
        try {
          String customer = line.get(id);
          if (customer.isEmpty()) {
            throw new IllegalArgumentException("customer_id: missing");
          }
          LocalDate day = day(line.get(date));
          BigDecimal value =
              amount < 0 || amount >= line.size() || line.get(amount).isEmpty()
                  ? null
                  : amount(line.get(amount));
          if (day.isAfter(calibrationEnd)) {
            after++;
            continue;
          }
          days.computeIfAbsent(customer, c -> new TreeMap<>())
              .merge(day, value == null ? BigDecimal.ZERO : value, BigDecimal::add);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
          rejected.add("line " + number + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    List<Rfm> customers = new ArrayList<>(days.size());
    days.forEach(
        (customer, byDay) -> customers.add(summarize(customer, byDay, calibrationEnd, unit)));
    customers.sort(Comparator.comparing(Rfm::customerId));
    return new Summary(customers, rejected, lines, after);
  }

  static Rfm summarize(
      String customer,
      TreeMap<LocalDate, BigDecimal> byDay,
      LocalDate calibrationEnd,
      TimeUnit unit) {
    LocalDate first = byDay.firstKey();
    LocalDate last = byDay.lastKey();
    int x = byDay.size() - 1;
    double spend = Double.NaN;
    if (x > 0) {
      spend =
          byDay.tailMap(first, false).values().stream()
              .mapToDouble(BigDecimal::doubleValue)
              .average()
              .orElse(Double.NaN);
    }
    return new Rfm(
        customer,
        x,
        ChronoUnit.DAYS.between(first, last) / unit.days,
        ChronoUnit.DAYS.between(first, calibrationEnd) / unit.days,
        spend);
  }

  private static LocalDate day(String text) {
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("date: expected YYYY-MM-DD, got '" + text + "'");
    }
  }

  private static BigDecimal amount(String text) {
    try {
      BigDecimal v = new BigDecimal(text);
      if (v.signum() < 0) {
        throw new IllegalArgumentException("amount: negative, got '" + text + "'");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("amount: expected a number, got '" + text + "'");
    }
  }
}
