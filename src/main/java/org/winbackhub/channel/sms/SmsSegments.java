package org.winbackhub.channel.sms;

/**
 * How an SMS text travels: in the GSM 7-bit default alphabet when every character is in it (3GPP TS
 * 23.038, formerly GSM 03.38: the basic table, one septet each, and its extension table, two
 * septets each: an escape and the character), otherwise in UCS-2, where a character outside the
 * Basic Multilingual Plane (most emoji) takes two 16-bit units (a surrogate pair). One segment
 * holds 160 septets or 70 units; a longer text is sent as a concatenated message whose segments
 * hold 153 septets or 67 units each (the rest is the concatenation header). A character is never
 * split across two segments: an escaped character or a surrogate pair that does not fit in what is
 * left of a segment starts the next one.
 */
public record SmsSegments(Encoding encoding, int units, int segments) {

  /** GSM-7 counts septets, UCS-2 16-bit units. */
  public enum Encoding {
    GSM7("GSM-7", "septets", 160, 153),
    UCS2("UCS-2", "UCS-2 units", 70, 67);

    private final String label;
    private final String unit;
    final int single;
    final int multi;

    Encoding(String label, String unit, int single, int multi) {
      this.label = label;
      this.unit = unit;
      this.single = single;
      this.multi = multi;
    }

    public String unit() {
      return unit;
    }

    /** Units one segment holds when the text is a single segment. */
    public int single() {
      return single;
    }

    /**
     * Units each segment of a concatenated message holds (the rest is the concatenation header).
     */
    public int perPart() {
      return multi;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** How {@code text} is sent and in how many segments; an empty text is one segment. */
  public static SmsSegments of(String text) {
    boolean gsm = text.codePoints().allMatch(SmsSegments::isGsm);
    Encoding encoding = gsm ? Encoding.GSM7 : Encoding.UCS2;
    int units = 0;
    for (int i = 0; i < text.length(); i++) {
      units += gsm ? GsmAlphabet.septets(text.charAt(i)) : 1;
    }
    if (units <= encoding.single) {
      return new SmsSegments(encoding, units, 1);
    }
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = gsm ? GsmAlphabet.septets((char) cp) : Character.charCount(cp);
      if (used + size > encoding.multi) {
        segments++;
        used = 0;
      }
      used += size;
      i += Character.charCount(cp);
    }
    return new SmsSegments(encoding, units, segments);
  }

  /** True when the character is in the GSM 7-bit default alphabet or its extension table. */
  public static boolean isGsm(int codePoint) {
    return GsmAlphabet.contains(codePoint);
  }

  /** As a person reads it: "2 segments (GSM-7, 161 septets)". */
  @Override
  public String toString() {
    return segments
        + (segments == 1 ? " segment (" : " segments (")
        + encoding
        + ", "
        + units
        + " "
        + encoding.unit()
        + ")";
  }
}
