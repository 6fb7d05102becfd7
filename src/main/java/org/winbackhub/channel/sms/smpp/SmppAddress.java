package org.winbackhub.channel.sms.smpp;

import org.winbackhub.channel.sms.GsmAlphabet;

/**
 * An SMPP 3.4 address (section 5.2.5, 5.2.6): its type of number (TON), numbering plan (NPI) and
 * digits or name. An E.164 number ({@code +34600000001}) is international (TON 1) in the ISDN plan
 * (NPI 1), sent without its plus; a number without a plus (a short code such as {@code 22522}) is
 * of unknown type (TON 0) in the ISDN plan; anything else is an alphanumeric sender id (TON 5, NPI
 * 0), at most 11 characters of the GSM 7-bit alphabet (3GPP TS 23.040, TP-Originating-Address).
 */
public record SmppAddress(int ton, int npi, String address) {
  public static final int TON_UNKNOWN = 0;
  public static final int TON_INTERNATIONAL = 1;
  public static final int TON_ALPHANUMERIC = 5;
  public static final int NPI_UNKNOWN = 0;
  public static final int NPI_ISDN = 1;

  /** At most 11 characters of an alphanumeric sender id. */
  public static final int MAX_ALPHANUMERIC = 11;

  /** The address of a number or a sender id, as the hub writes it. */
  public static SmppAddress of(String address) {
    String a = address == null ? "" : address.strip();
    if (a.matches("\\+[1-9][0-9]{1,14}")) {
      return new SmppAddress(TON_INTERNATIONAL, NPI_ISDN, a.substring(1));
    }
    if (a.matches("[0-9]{1,20}")) {
      return new SmppAddress(TON_UNKNOWN, NPI_ISDN, a);
    }
    if (a.isEmpty()
        || a.length() > MAX_ALPHANUMERIC
        || !a.codePoints().allMatch(c -> c >= 0x20 && GsmAlphabet.contains(c))) {
      throw new IllegalArgumentException(
          "an SMPP address is an E.164 number (+34600000001), a short code (digits) or an"
              + " alphanumeric sender id of 1 to 11 GSM 7-bit characters; got "
              + (a.isEmpty() ? "nothing" : a.length() + " characters"));
    }
    return new SmppAddress(TON_ALPHANUMERIC, NPI_UNKNOWN, a);
  }
}
