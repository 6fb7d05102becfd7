package org.winbackhub.intake;

/**
 * A source could not be read (down, refusing, or rate-limiting too long); the sync is retried. Its
 * message is worded by the hub (host, path, limit; never a token, a secret or a row), so the health
 * check may show it.
 */
public class SourceUnavailableException extends RuntimeException {
  public SourceUnavailableException(String message) {
    super(message);
  }
}
