package org.winbackhub.channel.sms;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet (3GPP TS 23.038, formerly GSM 03.38): the basic table, one septet
 * each, whose position is the septet's value (0x1B, the escape, is no character of its own), and
 * the extension table, reached by the escape and a second septet. What {@link SmsSegments} counts
 * and what a provider that takes septets (SMPP's default alphabet) is sent.
 */
public final class GsmAlphabet {
  /** The basic table in septet order, the escape (0x1B) left out. */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The extension table's characters, and the septet each takes after the escape. */
  private static final String EXTENSION = "\f^{}\\[~]|€";

  private static final byte[] EXTENSION_SEPTETS = {
    0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65
  };

  public static final byte ESCAPE = 0x1B;

  private GsmAlphabet() {}

  /** True when the character is in the basic table or the extension table. */
  public static boolean contains(int codePoint) {
    return codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT
        && codePoint != ESCAPE
        && (BASIC.indexOf(codePoint) >= 0 || EXTENSION.indexOf(codePoint) >= 0);
  }

  /** Septets the character takes: 2 for one of the extension table (the escape and it), else 1. */
  public static int septets(char c) {
    return EXTENSION.indexOf(c) >= 0 ? 2 : 1;
  }

  /**
   * The character's septets, one to an octet (unpacked): its basic-table value, or the escape and
   * its extension-table value. Throws for a character outside the alphabet.
   */
  public static byte[] encode(char c) {
    int ext = EXTENSION.indexOf(c);
    if (ext >= 0) {
      return new byte[] {ESCAPE, EXTENSION_SEPTETS[ext]};
    }
    int basic = c == ESCAPE ? -1 : BASIC.indexOf(c);
    if (basic < 0) {
      throw new IllegalArgumentException(
          "not in the GSM 7-bit alphabet: U+" + Integer.toHexString(c).toUpperCase());
    }
    return new byte[] {(byte) (basic < ESCAPE ? basic : basic + 1)};
  }

  /** The text as septets, one to an octet. */
  public static byte[] encode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      out.writeBytes(encode(text.charAt(i)));
    }
    return out.toByteArray();
  }

  /** The text of septets one to an octet, as {@link #encode(String)} wrote them. */
  public static String decode(byte[] septets) {
    StringBuilder text = new StringBuilder(septets.length);
    for (int i = 0; i < septets.length; i++) {
      int v = septets[i] & 0x7F;
      if (v == ESCAPE && i + 1 < septets.length) {
        byte next = septets[++i];
        for (int e = 0; e < EXTENSION_SEPTETS.length; e++) {
          if (EXTENSION_SEPTETS[e] == next) {
            text.append(EXTENSION.charAt(e));
          }
        }
      } else {
        text.append(BASIC.charAt(v < ESCAPE ? v : v - 1));
      }
    }
    return text.toString();
  }
}
