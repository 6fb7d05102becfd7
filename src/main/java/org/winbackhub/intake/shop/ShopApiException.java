package org.winbackhub.intake.shop;

import org.winbackhub.intake.SourceUnavailableException;

/**
 * The shop's API could not be read (down, refusing, or rate-limiting too long); the sync is
 * retried.
 */
public class ShopApiException extends SourceUnavailableException {
  public ShopApiException(String message) {
    super(message);
  }
}
