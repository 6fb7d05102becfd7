package org.winbackhub.model;

/**
 * Input that could not be taken in, whole or in part. {@code location} names the file, query or
 * endpoint, {@code lineNo} the line where there is one, {@code recordKey} the record's key in its
 * source, {@code reason} says what was wrong in words a user can act on. A field rejection also
 * names the {@code field}, the {@code contactKey} of the contact it concerns in that source (so
 * explain can show it), and whether the record was kept without the field ({@code recordKept}); its
 * {@code raw} holds the refused value, masked where it is personal data.
 */
public record Rejection(
    String source,
    String location,
    Long lineNo,
    String recordKey,
    String field,
    String reason,
    String raw,
    String contactKey,
    boolean recordKept) {

  /** The reason never shows an address or phone number in clear, whoever wrote it. */
  public Rejection {
    reason = Masked.within(reason);
  }

  /** A whole record refused, as the raw input shows it (a file's line, a dead letter's body). */
  public Rejection(
      String source, String location, Long lineNo, String recordKey, String reason, String raw) {
    this(source, location, lineNo, recordKey, null, reason, raw, null, false);
  }
}
