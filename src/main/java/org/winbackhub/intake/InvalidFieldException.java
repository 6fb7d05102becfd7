package org.winbackhub.intake;

/**
 * A field of an input record cannot be taken in; the message names the field and why. The refused
 * value travels apart from the message ({@link #value}), masked where it is personal data, so that
 * neither reasons nor logs ever carry it.
 */
public class InvalidFieldException extends RuntimeException {
  private final String field;
  private final String reason;
  private final String value;

  public InvalidFieldException(String field, String reason) {
    this(field, reason, null);
  }

  /** {@code value}: the refused value as it may be shown (masked by the caller where personal). */
  public InvalidFieldException(String field, String reason, String value) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
    this.value = value;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }

  public String value() {
    return value;
  }
}
