package org.winbackhub.config;

/** A value in a configuration record is out of range; the message says what is expected. */
public class ConfigValueException extends IllegalArgumentException {
  public ConfigValueException(String message) {
    super(message);
  }
}
