package org.winbackhub.intake;

/** A field of an input record cannot be taken in; the message names the field and why. */
public class InvalidFieldException extends RuntimeException {
  private final String field;

  public InvalidFieldException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
