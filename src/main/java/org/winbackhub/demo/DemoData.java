package org.winbackhub.demo;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic loyalty-card export with a fixed seed: two years of a shop's customers, regulars,
 * lapsed at each tier, never engaged, some with complaints, some opted out, and a few malformed
 * rows of the kinds real exports have.
 */
public final class DemoData {
  public static final String HEADER =
      "card_id,first_name,last_name,email,phone,email_opt_out,transaction_id,type,occurred_at,amount,currency";

  private static final String[] FIRST = {
    "Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Leo", "María", "Daniel", "Julia", "Pablo",
    "Paula", "Álvaro", "Valeria", "Manuel", "Emma", "Adrián", "Daniela", "David", "Carla", "Mario",
    "Sara", "Diego", "Alba", "Javier", "Noa", "Marcos", "Carmen", "Bruno", "Elena", "Iván"
  };
  private static final String[] LAST = {
    "García",
    "Rodríguez",
    "González",
    "Fernández",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Martín",
    "Jiménez",
    "Ruiz",
    "Hernández",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos"
  };
  private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter AT_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** The kinds of customer the data holds, and how many of each. */
  public enum Kind {
    REGULAR,
    LAPSED,
    DORMANT,
    NEVER_ENGAGED,
    VISITOR
  }

  /** A generated customer: enough to act as them later (click, buy again). */
  public record Customer(
      String cardId,
      String firstName,
      String email,
      Kind kind,
      boolean complained,
      boolean optedOut) {}

  /** What was written. */
  public record Export(Path file, List<Customer> customers, int rows, int malformed) {
    public Map<Kind, Long> byKind() {
      Map<Kind, Long> m = new LinkedHashMap<>();
      for (Kind k : Kind.values()) {
        m.put(k, customers.stream().filter(c -> c.kind() == k).count());
      }
      return m;
    }
  }

  private final Random random;
  private final ZonedDateTime now;
  private int txn = 100_000;

  public DemoData(long seed, ZonedDateTime now) {
    this.random = new Random(seed);
    this.now = now;
  }

  /**
   * A mobile number: most customers Spanish (written as the shop's export does, without the country
   * code), one in ten each French, Italian and Portuguese (with theirs): the demo's SMS go through
   * a different provider per country. {@code digits} is eight random digits.
   */
  static String mobile(int customer, int digits) {
    return switch (customer % 10) {
      case 7 -> "+3361" + String.format("%07d", digits % 10_000_000);
      case 8 -> "+39347" + String.format("%07d", digits % 10_000_000);
      case 9 -> "+35191" + String.format("%07d", digits % 10_000_000);
      default -> "6" + digits;
    };
  }

  /** Writes {@code customers} customers' two-year history to {@code file}. */
  public Export write(Path file, int customers) throws IOException {
    List<Customer> people = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      Kind kind = pickKind();
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String card = String.format("LC%06d", 10_000 + i);
      boolean hasEmail = random.nextInt(100) < 92;
      String email =
          hasEmail
              ? (ascii(first)
                  + "."
                  + ascii(last)
                  + i
                  + "@"
                  + DOMAINS[random.nextInt(DOMAINS.length)])
              : "";
      if (hasEmail && random.nextInt(10) == 0) {
        email = email.toUpperCase(); // exports are not always tidy; intake lower-cases
      }
      String phone =
          random.nextInt(100) < 70 ? mobile(i, 10_000_000 + random.nextInt(89_999_999)) : "";
      boolean optedOut = hasEmail && random.nextInt(100) < 4;
      boolean complained = kind != Kind.NEVER_ENGAGED && random.nextInt(100) < 6;
      people.add(new Customer(card, first, email.toLowerCase(), kind, complained, optedOut));
      String who = String.join(",", card, first, last, email, phone, optedOut ? "yes" : "no");

      ZonedDateTime joined = now.minusDays(200 + random.nextInt(530));
      rows.add(who + ",,signup," + AT.format(joined) + ",,");
      List<ZonedDateTime> purchases = history(kind, joined);
      for (ZonedDateTime at : purchases) {
        String type =
            kind == Kind.VISITOR ? "visit" : (random.nextInt(6) == 0 ? "visit" : "purchase");
        String amount = type.equals("purchase") ? amount() : "";
        rows.add(
            who
                + ",T"
                + (txn++)
                + ","
                + type
                + ","
                + AT.format(at)
                + ","
                + amount
                + (amount.isEmpty() ? "," : ",EUR"));
      }
      if (complained && !purchases.isEmpty()) {
        ZonedDateTime after = purchases.get(purchases.size() - 1).plusDays(2);
        ZonedDateTime complaint =
            after.isAfter(now) ? now.minusHours(1) : after; // never in the future
        rows.add(who + ",C" + (txn++) + ",complaint," + AT.format(complaint) + ",,");
      }
    }
    List<String> malformed =
        List.of(
            ",Ana,Sin Tarjeta,ana.sintarjeta@example.com,,no,T900001,purchase,2025-06-01"
                + " 10:00,12.50,EUR",
            "LC999001,Berta,Correo,berta.correo@@example,,no,T900002,purchase,2025-06-02"
                + " 11:00,30.00,EUR",
            "LC999002,Carlos,Fecha,carlos.fecha@example.com,,no,T900003,purchase,31/02/2025,22.00,EUR",
            "LC999003,Dora,Columnas,dora.columnas@example.com,no,T900004,purchase,2025-06-04 12:00",
            "LC999004,Elías,Tipo,elias.tipo@example.com,,no,T900005,return,2025-06-05"
                + " 13:00,5.00,EUR",
            "LC999005,Fátima,Importe,fatima.importe@example.com,,no,T900006,purchase,2025-06-06"
                + " 14:00,,EUR");
    for (String bad : malformed) {
      rows.add(1 + random.nextInt(rows.size()), bad);
    }
    Files.createDirectories(file.getParent());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (String row : rows) {
        w.write(row);
        w.write('\n');
      }
    }
    return new Export(file, people, rows.size(), malformed.size());
  }

  /** A newsletter the shop sent a customer before the hub ran, and whether they opened it. */
  public record PastSend(Customer customer, ZonedDateTime at, boolean opened) {}

  /**
   * The shop's monthly newsletter of the last {@code months} months to everyone with an email who
   * did not opt out: regulars open it now and then, the lapsed seldom, the dormant and those who
   * never engaged not at all (email sunset candidates, in time).
   */
  public List<PastSend> newsletters(List<Customer> customers, int months) {
    List<PastSend> sends = new ArrayList<>();
    for (Customer c : customers) {
      if (c.email().isEmpty() || c.optedOut()) {
        continue;
      }
      int openPercent =
          switch (c.kind()) {
            case REGULAR -> 30;
            case VISITOR -> 15;
            case LAPSED -> 3;
            case DORMANT, NEVER_ENGAGED -> 0;
          };
      for (int m = months; m >= 1; m--) {
        ZonedDateTime at = now.minusMonths(m).withDayOfMonth(5).withHour(10).withMinute(0);
        sends.add(new PastSend(c, at, random.nextInt(100) < openPercent));
      }
    }
    return sends;
  }

  /** One new purchase by {@code c}, as the shop's next export would carry it. */
  public static void writePurchase(Path file, Customer c, LocalDateTime at, String amount)
      throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        HEADER
            + "\n"
            + String.join(
                ",",
                c.cardId(),
                c.firstName(),
                "",
                c.email(),
                "",
                "",
                "T-REBUY-" + c.cardId(),
                "purchase",
                AT_SECONDS.format(at),
                amount,
                "EUR")
            + "\n",
        StandardCharsets.UTF_8);
  }

  private Kind pickKind() {
    int r = random.nextInt(100);
    if (r < 35) {
      return Kind.REGULAR;
    } else if (r < 57) {
      return Kind.LAPSED;
    } else if (r < 72) {
      return Kind.DORMANT;
    } else if (r < 87) {
      return Kind.NEVER_ENGAGED;
    }
    return Kind.VISITOR;
  }

  /** Activity dates from joining until the customer went quiet (or until now for regulars). */
  private List<ZonedDateTime> history(Kind kind, ZonedDateTime joined) {
    ZonedDateTime end =
        switch (kind) {
          case REGULAR, VISITOR -> now.minusDays(1 + random.nextInt(45));
          case LAPSED -> now.minusDays(100 + random.nextInt(250));
          case DORMANT -> now.minusDays(380 + random.nextInt(300));
          case NEVER_ENGAGED -> null;
        };
    List<ZonedDateTime> dates = new ArrayList<>();
    if (end == null) {
      return dates;
    }
    if (end.isBefore(joined)) {
      joined = end.minusDays(30 + random.nextInt(200));
    }
    int gapDays = 10 + random.nextInt(50); // each customer has their own rhythm
    ZonedDateTime at = end;
    while (!at.isBefore(joined) && dates.size() < 40) {
      dates.add(0, at.withHour(9 + random.nextInt(11)).withMinute(random.nextInt(60)));
      at = at.minusDays(Math.max(1, gapDays / 2 + random.nextInt(gapDays)));
    }
    return dates;
  }

  private String amount() {
    double v = 8 + Math.abs(random.nextGaussian()) * 35;
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String ascii(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase();
  }
}
