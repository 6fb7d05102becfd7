package org.winbackhub.store;

import java.sql.SQLException;

/**
 * A store operation failed; the message says which one and why. Built from a database error, it
 * carries that error with the row's values masked (never the raw one), so no log line or trace
 * shows an address, a phone number or a name.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code what} failed because of {@code e}: both said with the values masked. */
  public static StoreException of(String what, SQLException e) {
    return new StoreException(
        what + " failed: " + SqlErrorText.mask(e.getMessage()), SqlErrorText.masked(e));
  }
}
