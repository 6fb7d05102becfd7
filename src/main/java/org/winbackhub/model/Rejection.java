package org.winbackhub.model;

/**
 * Input that could not be taken in. {@code location} names the file or endpoint, {@code lineNo}
 * the line where there is one, {@code reason} says what was wrong in words a user can act on;
 * {@code raw} keeps the input as it came (in the store only). The reason names the record and the
 * field but never shows an address or phone number in clear: they are masked here, whoever wrote it.
 */
public record Rejection(
    String source, String location, Long lineNo, String recordKey, String reason, String raw) {
  public Rejection {
    reason = Mask.text(reason);
  }
}
