package org.winbackhub.channel.sms.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.channel.sms.GsmAlphabet;
import org.winbackhub.channel.sms.SmsMessage;
import org.winbackhub.channel.sms.SmsSegments;

/**
 * The submit_sm PDUs (SMPP 3.4, section 4.4.1) of one rendered SMS: the source and destination
 * addresses, the data coding, whether a delivery receipt is asked for, and one short message per
 * segment.
 *
 * <p>The data coding is the one {@link SmsSegments} counted: {@code 0x00}, the SMSC's default
 * alphabet, taken as the GSM 7-bit default alphabet, one septet to an octet (the SMSC packs them),
 * or {@code 0x08}, UCS-2 (UTF-16 big-endian, so a character beyond the Basic Multilingual Plane is
 * its surrogate pair). A message of more than one segment is sent as that many submit_sm, each
 * starting with a user data header (UDH, 3GPP TS 23.040 9.2.3.24.1: {@code 05 00 03 ref total seq},
 * concatenation with an 8-bit reference) and flagged by {@code esm_class} 0x40 (UDHI): every SMSC
 * and handset takes it, the parts are cut exactly where {@link SmsSegments} counted them (153
 * septets or 67 UCS-2 units, never inside an escaped character or a surrogate pair), so a message
 * costs what {@code validate} said. {@code message_payload} would hand the SMSC the whole text in
 * one PDU, but support for it in submit_sm is optional, and the SMSC would then cut and bill it as
 * it likes.
 */
public record SmppSubmit(
    SmppAddress source,
    SmppAddress destination,
    byte dataCoding,
    byte esmClass,
    byte registeredDelivery,
    List<byte[]> parts) {

  public static final byte CODING_DEFAULT_ALPHABET = 0x00;
  public static final byte CODING_UCS2 = 0x08;
  public static final byte ESM_DEFAULT = 0x00;
  public static final byte ESM_UDHI = 0x40;

  /** registered_delivery: an SMSC delivery receipt on success or failure. */
  public static final byte RECEIPT_ON_SUCCESS_OR_FAILURE = 0x01;

  public static final byte NO_RECEIPT = 0x00;

  /**
   * The PDUs of {@code m}; {@code reference} (its low 8 bits) ties the parts of a long message
   * together, {@code receipts} asks the SMSC for a delivery receipt of every part.
   */
  public static SmppSubmit of(SmsMessage m, int reference, boolean receipts) {
    SmsSegments segments = m.segments();
    boolean ucs2 = segments.encoding() == SmsSegments.Encoding.UCS2;
    List<byte[]> characters = characters(m.text(), ucs2);
    List<byte[]> parts = new ArrayList<>();
    if (segments.segments() == 1) {
      parts.add(join(characters, 0, characters.size()));
    } else {
      int perPart = segments.encoding().perPart() * (ucs2 ? 2 : 1);
      List<Integer> starts = new ArrayList<>();
      int used = perPart;
      for (int i = 0; i < characters.size(); i++) {
        if (used + characters.get(i).length > perPart) {
          starts.add(i);
          used = 0;
        }
        used += characters.get(i).length;
      }
      starts.add(characters.size());
      int total = starts.size() - 1;
      for (int p = 0; p < total; p++) {
        ByteArrayOutputStream part = new ByteArrayOutputStream(140 + 6);
        part.writeBytes(
            new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) (p + 1)});
        part.writeBytes(join(characters, starts.get(p), starts.get(p + 1)));
        parts.add(part.toByteArray());
      }
    }
    return new SmppSubmit(
        SmppAddress.of(m.from()),
        SmppAddress.of(m.to()),
        ucs2 ? CODING_UCS2 : CODING_DEFAULT_ALPHABET,
        parts.size() > 1 ? ESM_UDHI : ESM_DEFAULT,
        receipts ? RECEIPT_ON_SUCCESS_OR_FAILURE : NO_RECEIPT,
        List.copyOf(parts));
  }

  /** Each character's octets: its septets, or its UTF-16 units (two for a surrogate pair). */
  private static List<byte[]> characters(String text, boolean ucs2) {
    List<byte[]> out = new ArrayList<>(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      out.add(
          ucs2
              ? text.substring(i, i + n).getBytes(StandardCharsets.UTF_16BE)
              : GsmAlphabet.encode(text.charAt(i)));
      i += n;
    }
    return out;
  }

  private static byte[] join(List<byte[]> characters, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      out.writeBytes(characters.get(i));
    }
    return out.toByteArray();
  }

  /** As logs may show it: no number, no text. */
  @Override
  public String toString() {
    return "submit_sm x" + parts.size() + " (data_coding 0x0" + dataCoding + ")";
  }
}
