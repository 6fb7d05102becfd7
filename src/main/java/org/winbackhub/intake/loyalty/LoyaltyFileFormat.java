package org.winbackhub.intake.loyalty;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * How a loyalty-card export is laid out: its columns in order, delimiter, character set, whether
 * the first line is a header, and the time zone of dates written without one.
 */
public record LoyaltyFileFormat(
    String source,
    List<String> columns,
    char delimiter,
    Charset charset,
    boolean header,
    ZoneId zone,
    String currency) {

  /** The columns the hub understands; a file may use any subset that includes the required ones. */
  public static final Set<String> KNOWN =
      Set.of(
          "card_id",
          "first_name",
          "last_name",
          "email",
          "phone",
          "email_opt_out",
          "sms_opt_out",
          "transaction_id",
          "type",
          "occurred_at",
          "amount",
          "currency");

  public static final List<String> REQUIRED = List.of("card_id", "type", "occurred_at");

  public LoyaltyFileFormat {
    columns = List.copyOf(columns);
    for (String c : columns) {
      if (!KNOWN.contains(c)) {
        throw new IllegalArgumentException(
            "hub.loyalty.columns: unknown column '"
                + c
                + "'; known: "
                + String.join(", ", KNOWN.stream().sorted().toList()));
      }
    }
    for (String r : REQUIRED) {
      if (!columns.contains(r)) {
        throw new IllegalArgumentException("hub.loyalty.columns: must include '" + r + "'");
      }
    }
  }
}
